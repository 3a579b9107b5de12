using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>
/// The floor the ingest is measured against: the same typed rows, into a table built from the ingested
/// dataset's own schema, with one prepared INSERT in one transaction on a connection with the same
/// pragmas, and no CSV, validation or hashing.
/// </summary>
internal static class BaselineCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        _ = Measurement.StartWorkingSet;
        var rows = args.Long("rows");
        DapperSetup.Configure();
        var like = await new DatasetStore(new SqliteConnectionFactory($"Data Source={args.Required("like")}"))
            .GetAsync(args.Get("dataset") ?? "bench") ?? throw new InvalidOperationException("The --like store has no such dataset.");
        var table = new RowTable(1, like.Schema, StoreProvider.Sqlite);
        await using var connection = (SqliteConnection)new SqliteConnectionFactory($"Data Source={args.Required("db")}").Open();
        connection.Execute("PRAGMA journal_mode = WAL");
        connection.Execute(table.CreateSql());

        var clock = Stopwatch.StartNew();
        using (var tx = connection.BeginTransaction(deferred: false))
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = table.InsertSql();
            var rowId = insert.Parameters.Add("@row", SqliteType.Integer);
            var values = like.Schema.Columns
                .Select(c => insert.Parameters.AddWithValue("@p" + c.Ordinal.ToString(CultureInfo.InvariantCulture), DBNull.Value))
                .ToArray();
            insert.Prepare();
            var row = new object?[values.Length];
            for (long i = 0; i < rows; i++)
            {
                SyntheticTelcoRows.Fill(i, row);
                rowId.Value = i + 1;
                for (var c = 0; c < values.Length; c++) values[c].Value = row[c] ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        clock.Stop();

        Measurement.Print("baseline", rows, clock.Elapsed);
        return 0;
    }
}
