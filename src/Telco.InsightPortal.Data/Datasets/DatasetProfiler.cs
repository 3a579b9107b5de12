using System.Data.Common;
using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

public sealed record ProfileBin(string Label, long Count);

/// <summary>What one column of one snapshot looks like: counts, range and a distribution to chart.
/// Min and max are display strings because they may be numbers, text or timestamps.</summary>
public sealed record ColumnProfile(DatasetColumn Column, long Rows, long Nulls, long Distinct, string? Min, string? Max,
    double? Mean, bool IsHistogram, IReadOnlyList<ProfileBin> Bins);

/// <summary>Profiles a snapshot's columns with aggregates computed in the database, never by pulling rows.</summary>
public sealed class DatasetProfiler(IConnectionFactory factory)
{
    public const int HistogramBins = 20;
    public const int TopValues = 15;

    public async Task<IReadOnlyList<ColumnProfile>> ProfileAsync(Dataset dataset, Snapshot snapshot, CancellationToken ct = default)
    {
        var table = new RowTable(dataset.Id, dataset.Schema, factory.Provider);
        await using var connection = await factory.OpenAsync(ct);
        var profiles = new List<ColumnProfile>(dataset.Schema.Columns.Count);
        foreach (var column in dataset.Schema.Columns)
            profiles.Add(await ProfileColumnAsync(connection, table, column, snapshot, ct));
        return profiles;
    }

    private async Task<ColumnProfile> ProfileColumnAsync(DbConnection connection, RowTable table, DatasetColumn column, Snapshot snapshot, CancellationToken ct)
    {
        var c = RowTable.ColumnName(column.Ordinal);
        var numeric = column.Type is ColumnType.Integer or ColumnType.Real;
        var range = " FROM " + table.Name + " WHERE _row_id >= @from AND _row_id < @to";
        var stats = "SELECT COUNT(*), COUNT(" + c + "), COUNT(DISTINCT " + c + "), MIN(" + c + "), MAX(" + c + "), "
                    + (numeric ? "AVG(" + c + ")" : "NULL") + range;
        long rows, nonNull, distinct;
        object? min, max;
        double? mean;
        await using (var command = Command(connection, stats, snapshot))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            rows = reader.GetInt64(0);
            nonNull = reader.GetInt64(1);
            distinct = reader.GetInt64(2);
            min = reader.IsDBNull(3) ? null : reader.GetValue(3);
            max = reader.IsDBNull(4) ? null : reader.GetValue(4);
            mean = reader.IsDBNull(5) ? null : Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture);
        }

        IReadOnlyList<ProfileBin> bins = [];
        var histogram = false;
        if (numeric && min is not null && max is not null && distinct > TopValues)
        {
            histogram = true;
            bins = await HistogramAsync(connection, c, range, snapshot, Convert.ToDouble(min, CultureInfo.InvariantCulture),
                Convert.ToDouble(max, CultureInfo.InvariantCulture), ct);
        }
        // Ids are unique by design: a chart of their counts says nothing.
        else if (column.Type != ColumnType.Timestamp && column.Role != ColumnRole.Id && nonNull > 0)
        {
            var order = numeric ? " ORDER BY " + c : " ORDER BY COUNT(*) DESC, " + c;
            var sql = "SELECT " + c + ", COUNT(*)" + range + " AND " + c + " IS NOT NULL GROUP BY " + c + order + " LIMIT " + TopValues;
            bins = await ReadBinsAsync(connection, sql, snapshot, v => Display(v), ct);
        }
        return new ColumnProfile(column, rows, rows - nonNull, distinct, Display(min), Display(max), mean, histogram, bins);
    }

    private async Task<IReadOnlyList<ProfileBin>> HistogramAsync(DbConnection connection, string c, string range, Snapshot snapshot,
        double min, double max, CancellationToken ct)
    {
        var span = max - min;
        // SQLite truncates on CAST; PostgreSQL rounds, so it needs FLOOR. Both give bin = floor((x - min) / width).
        var bin = factory.Provider == StoreProvider.Postgres
            ? "CAST(FLOOR((" + c + " - @min) * @bins / @span) AS INTEGER)"
            : "CAST((" + c + " - @min) * @bins / @span AS INTEGER)";
        var sql = "SELECT " + bin + " AS b, COUNT(*)" + range + " AND " + c + " IS NOT NULL GROUP BY b ORDER BY b";
        var counts = new long[HistogramBins];
        await using var command = Command(connection, sql, snapshot);
        Add(command, "@min", min);
        Add(command, "@span", span);
        Add(command, "@bins", (double)HistogramBins);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var b = Math.Clamp(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), 0, HistogramBins - 1);
            counts[b] += reader.GetInt64(1);
        }
        var width = span / HistogramBins;
        return counts.Select((n, i) => new ProfileBin((min + i * width).ToString("G4", CultureInfo.InvariantCulture), n)).ToList();
    }

    private static async Task<IReadOnlyList<ProfileBin>> ReadBinsAsync(DbConnection connection, string sql, Snapshot snapshot,
        Func<object, string?> label, CancellationToken ct)
    {
        var bins = new List<ProfileBin>();
        await using var command = Command(connection, sql, snapshot);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) bins.Add(new ProfileBin(label(reader.GetValue(0)) ?? "", reader.GetInt64(1)));
        return bins;
    }

    private static DbCommand Command(DbConnection connection, string sql, Snapshot snapshot)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@from", snapshot.RowStart);
        Add(command, "@to", snapshot.RowEnd);
        return command;
    }

    private static void Add(DbCommand command, string name, object value) => DatasetStore.AddParameter(command, name, value);

    private static string? Display(object? value) => value switch
    {
        null => null,
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("u", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
