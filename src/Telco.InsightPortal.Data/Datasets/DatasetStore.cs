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

    /// <summary>How many rows the kept sort orders may cover: 64 MB of offsets, sixteen orders of a 1M-row snapshot.</summary>
    public const long MaxSortedRows = 16_000_000;

    private readonly SortOrderCache _sortOrders = new(MaxSortedRows);

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
    /// <remarks>Sorting makes no index, because reading never writes: an index made on the first sort was DDL run by
    /// whoever sorted (on PostgreSQL a CREATE INDEX that blocks ingests into the table while it builds), and an index
    /// per column made on the write path would tax every ingest for a view that is seldom sorted. Instead the first
    /// sorted page of a snapshot builds its <see cref="SortOrder"/> in memory and keeps it (the snapshot never
    /// changes), and every page after it reads its rows by id. On the 1M-row benchmark snapshot the first sorted page
    /// costs a little less than the index build it replaces (about 2 s on the loaded bench machine), the next ones about
    /// a millisecond at any offset, where walking the index took 100–300 ms deep in the snapshot (README, Benchmarks).</remarks>
    public async Task<RowPage> PageAsync(Dataset dataset, Snapshot snapshot, long offset, int limit,
        string? sortColumn = null, bool descending = false, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (limit is < 1 or > MaxPageSize) throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be 1..{MaxPageSize}.");
        DatasetColumn? sortBy = null;
        if (sortColumn is not null)
            sortBy = dataset.Schema.Find(sortColumn) ?? throw new ArgumentException($"Unknown column '{sortColumn}'.", nameof(sortColumn));
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        var rows = sortBy is null
            // In ingest order a page is a contiguous id range, so the offset becomes part of the seek.
            ? await QueryRowsAsync(table, table.PageSql(), [("@from", snapshot.RowStart + offset), ("@to", snapshot.RowEnd), ("@limit", limit)], ct)
            : await SortedRowsAsync(table, snapshot, sortBy, descending, offset, limit, ct);
        return new RowPage(offset, snapshot.TotalRows, rows);
    }

    private async Task<List<object?[]>> SortedRowsAsync(RowTable table, Snapshot snapshot, DatasetColumn sortBy, bool descending, long offset, int limit,
        CancellationToken ct)
    {
        var order = await _sortOrders.GetAsync(new(table.DatasetId, snapshot.Id, sortBy.Ordinal), snapshot.RowEnd - snapshot.RowStart,
            // Not the caller's token: other readers may be waiting on the same order.
            () => BuildSortOrderAsync(table, snapshot, sortBy)).WaitAsync(ct);
        var ids = new long[Math.Clamp(order.Length - offset, 0, limit)];
        for (var i = 0; i < ids.Length; i++) ids[i] = snapshot.RowStart + order[descending ? order.Length - 1 - (offset + i) : offset + i];
        if (ids.Length == 0) return [];
        var byId = (await QueryRowsAsync(table, table.RowsByIdSql(ids.Length), ids.Select((id, i) => (RowTable.RowIdParameter(i), (object)id)), ct))
            .ToDictionary(r => (long)r[0]!);
        return ids.Select(id => byId[id]).ToList();
    }

    private async Task<List<object?[]>> QueryRowsAsync(RowTable table, string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) AddParameter(command, name, value);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(RowReader.Read(reader, table.Schema));
        return rows;
    }

    private async Task<int[]> BuildSortOrderAsync(RowTable table, Snapshot snapshot, DatasetColumn column)
    {
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        return await SortOrder.BuildAsync(connection, table, snapshot, column, CancellationToken.None);
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
        command.CommandText = table.PageSql();
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
