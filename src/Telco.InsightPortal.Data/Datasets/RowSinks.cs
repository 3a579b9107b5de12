using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>Writes validated rows into a dataset's typed table inside the ingest's transaction, numbering
/// them from the dataset's next row id so that every snapshot is one contiguous id range.</summary>
internal abstract class RowSink(long firstRowId) : IRowSink, IDisposable
{
    protected long NextRowId = firstRowId;

    public long FirstRowId { get; } = firstRowId;

    public long EndRowId => NextRowId;

    public abstract void Write(object?[] row);

    /// <summary>Flushes what is buffered; only called when the ingest is about to commit.</summary>
    public virtual void Complete() { }

    public abstract void Dispose();

    public static RowSink Create(RowTable table, DbConnection connection, DbTransaction tx, long firstRowId) =>
        connection is NpgsqlConnection npgsql
            ? new PostgresRowSink(table, npgsql, firstRowId)
            : new SqliteRowSink(table, connection, tx, firstRowId);

    /// <summary>Timestamps are stored as fixed-width ISO 8601 UTC text in SQLite so that they sort.</summary>
    internal static string SqliteTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

internal sealed class SqliteRowSink : RowSink
{
    private readonly DbCommand _insert;
    private readonly DbParameter _rowId;
    private readonly DbParameter[] _values;

    public SqliteRowSink(RowTable table, DbConnection connection, DbTransaction tx, long firstRowId) : base(firstRowId)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = tx;
        _insert.CommandText = table.InsertSql();
        _rowId = Add("@row");
        _values = table.Schema.Columns.Select(c => Add("@p" + c.Ordinal.ToString(CultureInfo.InvariantCulture))).ToArray();
        _insert.Prepare();
    }

    private DbParameter Add(string name)
    {
        var p = _insert.CreateParameter();
        p.ParameterName = name;
        p.Value = DBNull.Value;
        _insert.Parameters.Add(p);
        return p;
    }

    public override void Write(object?[] row)
    {
        _rowId.Value = NextRowId;
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i].Value = row[i] switch
            {
                null => DBNull.Value,
                DateTimeOffset t => SqliteTimestamp(t),
                var v => v,
            };
        }
        _insert.ExecuteNonQuery();
        NextRowId++;
    }

    public override void Dispose() => _insert.Dispose();
}

internal sealed class PostgresRowSink : RowSink
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly NpgsqlDbType[] _types;

    public PostgresRowSink(RowTable table, NpgsqlConnection connection, long firstRowId) : base(firstRowId)
    {
        _importer = connection.BeginBinaryImport(table.CopySql());
        _types = table.Schema.Columns.Select(c => c.Type switch
        {
            ColumnType.Integer => NpgsqlDbType.Bigint,
            ColumnType.Real => NpgsqlDbType.Double,
            ColumnType.Timestamp => NpgsqlDbType.TimestampTz,
            _ => NpgsqlDbType.Text,
        }).ToArray();
    }

    public override void Write(object?[] row)
    {
        _importer.StartRow();
        _importer.Write(NextRowId, NpgsqlDbType.Bigint);
        for (var i = 0; i < _types.Length; i++)
        {
            switch (row[i])
            {
                case null: _importer.WriteNull(); break;
                case DateTimeOffset t: _importer.Write(t.UtcDateTime, NpgsqlDbType.TimestampTz); break;
                case var v: _importer.Write(v, _types[i]); break;
            }
        }
        NextRowId++;
    }

    // The connection stays in COPY state until the importer is disposed, so completing disposes too.
    public override void Complete()
    {
        _importer.Complete();
        _importer.Dispose();
    }

    // Disposing an importer that was not completed cancels the COPY, so a rejected ingest writes nothing.
    public override void Dispose() => _importer.Dispose();
}
