using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Apps;

/// <summary>
/// Scores of dataset rows by a model, kept so that a page of a large snapshot is never scored twice: per (dataset,
/// model SHA-256, row), because rows are immutable and a version's model never changes, so a new snapshot that keeps
/// old rows only needs its increment scored. Derived data, written by the portal's background filler and not audited.
/// </summary>
public sealed class RowScoreStore(IConnectionFactory factory, TimeProvider clock)
{
    /// <summary>A page of the snapshot's rows with their scores (null where none is kept yet), filtered and sorted in the database.</summary>
    public async Task<ScoredRowPage> PageAsync(Dataset dataset, Snapshot snapshot, string modelSha, RowScoreQuery query, CancellationToken ct = default)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        var sql = new RowScoreSql(table, dataset.Id, modelSha, snapshot.RowStart, snapshot.RowEnd, query);
        await using var connection = await factory.OpenAsync(ct);
        var rows = new List<ScoredRow>();
        await using (var command = Command(connection, sql.Page, sql.Parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var probability = dataset.Schema.Columns.Count + 1;
            while (await reader.ReadAsync(ct))
            {
                var row = RowReader.Read(reader, dataset.Schema);
                var scored = !reader.IsDBNull(probability);
                rows.Add(new ScoredRow((long)row[0]!, row[1..], scored ? reader.GetDouble(probability) : null,
                    scored ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(probability + 1)) : null));
            }
        }
        var total = await ScalarAsync(connection, sql.Count, sql.Parameters, ct);
        var scoredRows = await ScalarAsync(connection, sql.Scored, sql.Parameters, ct);
        IReadOnlyList<long> bands = [];
        if (sql.BandCounts is { } bandSql)
        {
            await using var command = Command(connection, bandSql, sql.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            bands = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i))).ToList();
        }
        return new ScoredRowPage(total, scoredRows, rows, bands);
    }

    /// <summary>Up to <paramref name="limit"/> rows of the snapshot that the model has not scored, in ingest order.</summary>
    public async Task<IReadOnlyList<ScoredRow>> UnscoredAsync(Dataset dataset, Snapshot snapshot, string modelSha, int limit, CancellationToken ct = default)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        var sql = new RowScoreSql(table, dataset.Id, modelSha, snapshot.RowStart, snapshot.RowEnd, new RowScoreQuery { Limit = limit, UnscoredOnly = true });
        await using var connection = await factory.OpenAsync(ct);
        await using var command = Command(connection, sql.Page, sql.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ScoredRow>();
        while (await reader.ReadAsync(ct))
        {
            var row = RowReader.Read(reader, dataset.Schema);
            rows.Add(new ScoredRow((long)row[0]!, row[1..], null, null));
        }
        return rows;
    }

    /// <summary>Keeps scores; a row already scored by the model (another replica got there first) keeps its score.</summary>
    public async Task SaveAsync(long datasetId, string modelSha, IReadOnlyList<(long RowId, double Probability)> scores, CancellationToken ct = default)
    {
        if (scores.Count == 0) return;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var write = await factory.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(new CommandDefinition(Insert,
            scores.Select(s => new { Dataset = datasetId, Sha = modelSha, s.RowId, s.Probability, Now = now }), write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
    }

    private const string Insert = """
        INSERT INTO row_scores (dataset_id, model_sha, row_id, probability, scored_at) VALUES (@Dataset, @Sha, @RowId, @Probability, @Now)
        ON CONFLICT (dataset_id, model_sha, row_id) DO NOTHING
        """;

    private static DbCommand Command(DbConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) DatasetStore.AddParameter(command, name, value);
        return command;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
