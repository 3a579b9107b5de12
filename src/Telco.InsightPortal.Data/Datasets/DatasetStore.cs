using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>Reads datasets, snapshots and snapshot rows. Everything it returns for a snapshot id is
/// immutable, which is what lets callers cache by that id.</summary>
public sealed class DatasetStore(IConnectionFactory factory)
{
    public const int MaxPageSize = 1000;

    /// <summary>Below this many rows a sorted page is cheapest as a range scan and an in-memory sort.</summary>
    public const long SortIndexThreshold = 50_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _sortIndexes = new();

    public async Task<IReadOnlyList<Dataset>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var datasets = await connection.QueryAsync<DatasetRow>(new CommandDefinition(DatasetSql.ListDatasets, cancellationToken: ct));
        var columns = (await connection.QueryAsync<ColumnRow>(new CommandDefinition(DatasetSql.ListAllColumns, cancellationToken: ct)))
            .ToLookup(c => c.DatasetId);
        return datasets.Select(d => d.ToDataset(columns[d.Id])).ToList();
    }

    public async Task<Dataset?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await GetAsync(connection, null, name, ct);
    }

    internal static async Task<Dataset?> GetAsync(DbConnection connection, DbTransaction? tx, string name, CancellationToken ct, bool forUpdate = false)
    {
        var sql = forUpdate && connection is Npgsql.NpgsqlConnection ? DatasetSql.LockDatasetByName : DatasetSql.GetDatasetByName;
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(sql, new { Name = name }, tx, cancellationToken: ct));
        if (row is null) return null;
        var columns = await connection.QueryAsync<ColumnRow>(new CommandDefinition(DatasetSql.ListColumns, new { DatasetId = row.Id }, tx, cancellationToken: ct));
        return row.ToDataset(columns);
    }

    /// <summary>The synchronous twin of <see cref="GetAsync(DbConnection, DbTransaction?, string, CancellationToken, bool)"/>,
    /// for the ingest, which runs synchronously on a worker thread.</summary>
    internal static Dataset? Get(DbConnection connection, DbTransaction tx, string name, bool forUpdate)
    {
        var sql = forUpdate && connection is Npgsql.NpgsqlConnection ? DatasetSql.LockDatasetByName : DatasetSql.GetDatasetByName;
        var row = connection.QuerySingleOrDefault<DatasetRow>(sql, new { Name = name }, tx);
        return row?.ToDataset(connection.Query<ColumnRow>(DatasetSql.ListColumns, new { DatasetId = row.Id }, tx));
    }

    public async Task<IReadOnlyList<Snapshot>> SnapshotsAsync(long datasetId, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return (await connection.QueryAsync<SnapshotRow>(new CommandDefinition(DatasetSql.ListSnapshots, new { DatasetId = datasetId }, cancellationToken: ct)))
            .Select(s => s.ToSnapshot()).ToList();
    }

    public async Task<Snapshot?> SnapshotAsync(long datasetId, long snapshotId, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SnapshotRow>(
            new CommandDefinition(DatasetSql.GetSnapshot, new { DatasetId = datasetId, SnapshotId = snapshotId }, cancellationToken: ct));
        return row?.ToSnapshot();
    }

    /// <summary>One page of a snapshot, in ingest order (an index seek) or sorted by a schema column.</summary>
    public async Task<RowPage> PageAsync(Dataset dataset, Snapshot snapshot, long offset, int limit,
        string? sortColumn = null, bool descending = false, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (limit is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be 1..{MaxPageSize}.");
        DatasetColumn? sortBy = null;
        if (sortColumn is not null)
            sortBy = dataset.Schema.Find(sortColumn) ?? throw new ArgumentException($"Unknown column '{sortColumn}'.", nameof(sortColumn));
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        await using var connection = await factory.OpenAsync(ct);
        var viaIndex = sortBy is not null && snapshot.TotalRows >= SortIndexThreshold;
        if (viaIndex) await EnsureSortIndexAsync(connection, table, sortBy!, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = table.PageSql(sortBy, descending, viaIndex);
        // In ingest order a page is a contiguous id range, so the offset becomes part of the seek.
        AddParameter(command, "@from", sortBy is null ? snapshot.RowStart + offset : snapshot.RowStart);
        AddParameter(command, "@to", snapshot.RowEnd);
        AddParameter(command, "@limit", limit);
        if (sortBy is not null) AddParameter(command, "@offset", offset);
        var rows = new List<object?[]>(limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(RowReader.Read(reader, dataset.Schema));
        return new RowPage(offset, snapshot.TotalRows, rows);
    }

    private async Task EnsureSortIndexAsync(DbConnection connection, RowTable table, DatasetColumn column, CancellationToken ct)
    {
        var sql = table.SortIndexSql(column);
        if (_sortIndexes.ContainsKey(sql)) return;
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
        _sortIndexes[sql] = true;
    }

    /// <summary>Streams a snapshot's rows (or only those added after <paramref name="since"/>) in ingest
    /// order, without the row id: for trainers and exports.</summary>
    public IEnumerable<object?[]> ReadRows(Dataset dataset, Snapshot snapshot, Snapshot? since = null)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        // An increment across a replace is the whole new snapshot: nothing before the replace is in it.
        var from = since is not null && since.RowEnd > snapshot.RowStart ? since.RowEnd : snapshot.RowStart;
        using var connection = factory.Open();
        using var command = connection.CreateCommand();
        command.CommandText = table.PageSql(null, false);
        AddParameter(command, "@from", from);
        AddParameter(command, "@to", snapshot.RowEnd);
        AddParameter(command, "@limit", long.MaxValue);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = RowReader.Read(reader, dataset.Schema);
            yield return row[1..];
        }
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
