using System.Data.Common;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// A snapshot's rows in the order of one column, as offsets from its first row id: nulls first, then by value (numbers
/// and times by value, text by code point, the same on both engines), ties in ingest order. Read backwards it is the
/// descending order (nulls last, ties newest first), so one order serves both directions. Built in memory from the
/// (row id, value) pairs of the snapshot's id range: sorting four-byte offsets by their keys costs a fraction of what
/// the database spends sorting whole rows, and it makes no index (readers never run DDL).
/// </summary>
internal static class SortOrder
{
    public static async Task<int[]> BuildAsync(DbConnection connection, RowTable table, Snapshot snapshot, DatasetColumn column, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = table.SortKeysSql(column);
        DatasetStore.AddParameter(command, "@from", snapshot.RowStart);
        DatasetStore.AddParameter(command, "@to", snapshot.RowEnd);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var size = checked((int)(snapshot.RowEnd - snapshot.RowStart));
        return column.Type switch
        {
            ColumnType.Integer => await SortAsync(reader, snapshot.RowStart, size, r => r.GetInt64(1), Comparer<long>.Default, ct),
            ColumnType.Real => await SortAsync(reader, snapshot.RowStart, size, r => r.GetDouble(1), Comparer<double>.Default, ct),
            ColumnType.Timestamp => await SortAsync(reader, snapshot.RowStart, size, r => RowReader.Timestamp(r, 1).UtcTicks, Comparer<long>.Default, ct),
            _ => await SortAsync(reader, snapshot.RowStart, size, r => r.GetString(1), StringComparer.Ordinal, ct),
        };
    }

    private static async Task<int[]> SortAsync<T>(DbDataReader reader, long rowStart, int size, Func<DbDataReader, T> read, IComparer<T> comparer,
        CancellationToken ct)
    {
        var nulls = new List<int>();
        var keys = new T[size];
        var offsets = new int[size];
        var n = 0;
        while (await reader.ReadAsync(ct))
        {
            var offset = (int)(reader.GetInt64(0) - rowStart);
            if (reader.IsDBNull(1)) nulls.Add(offset);
            else
            {
                keys[n] = read(reader);
                offsets[n++] = offset;
            }
        }
        Array.Sort(keys, offsets, 0, n, comparer);
        // Array.Sort is not stable: put each run of equal values back in ingest order, which breaks ties.
        for (int start = 0, end; start < n; start = end)
        {
            for (end = start + 1; end < n && comparer.Compare(keys[start], keys[end]) == 0; end++)
            {
            }
            if (end - start > 1) Array.Sort(offsets, start, end - start);
        }
        var order = new int[nulls.Count + n];
        nulls.CopyTo(order);
        Array.Copy(offsets, 0, order, nulls.Count, n);
        return order;
    }
}
