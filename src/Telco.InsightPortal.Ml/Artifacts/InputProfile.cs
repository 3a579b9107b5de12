using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>
/// What one input column looked like in the rows the final model was fitted on (train + validation: so the levels are
/// exactly the categories its one-hot encoding knows), so a form can offer choices and hints.
/// Text: <see cref="Levels"/>, most frequent first (ties by name), unless the column had more than
/// <see cref="MaxLevels"/> distinct values, in which case it is <see cref="FreeText"/> and no levels are kept (a list
/// that long is no help in a form, and would put identifiers into every caller's view of the schema).
/// Numbers: <see cref="Min"/>, <see cref="Max"/> and <see cref="Median"/>, missing values left out.
/// A hint only: scoring accepts any value of the column's type, unseen levels included.
/// </summary>
public sealed record InputProfile(
    string Column,
    int Distinct,
    IReadOnlyList<string>? Levels = null,
    bool FreeText = false,
    double? Min = null,
    double? Max = null,
    double? Median = null)
{
    public const int MaxLevels = 50;

    /// <summary>One profile per feature column the table holds, over <paramref name="rows"/>.</summary>
    internal static IReadOnlyList<InputProfile> Compute(ColumnarTable table, int[] rows) =>
        [.. table.Schema.Columns.Where(c => c.Role == ColumnRole.Feature && table.Holds(c.Ordinal))
            .Select(c => ColumnarTable.IsNumeric(c) ? OfNumbers(table, c, rows) : OfText(table, c, rows))];

    private static InputProfile OfText(ColumnarTable table, DatasetColumn column, int[] rows)
    {
        // A blank is sent as null, not as a level; the model's "(blank)" category is its own business.
        var counts = table.ValueCounts(column.Ordinal, rows).Where(v => v.Value != ColumnarTable.MissingText).ToList();
        if (counts.Count > MaxLevels) return new InputProfile(column.Name, counts.Count, FreeText: true);
        var levels = counts.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).Select(v => v.Value).ToList();
        return new InputProfile(column.Name, counts.Count, levels);
    }

    private static InputProfile OfNumbers(ColumnarTable table, DatasetColumn column, int[] rows)
    {
        var values = rows.Select(r => table.Number(column.Ordinal, r)).Where(v => !float.IsNaN(v)).ToArray();
        if (values.Length == 0) return new InputProfile(column.Name, 0);
        Array.Sort(values);
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? Exact(values[middle]) : (Exact(values[middle - 1]) + Exact(values[middle])) / 2;
        // Integers are typed by the user; a median of 29.5 months would be refused as an integer input.
        if (column.Type == ColumnType.Integer) median = Math.Floor(median);
        var distinct = 1;
        for (var i = 1; i < values.Length; i++) if (values[i] != values[i - 1]) distinct++;
        return new InputProfile(column.Name, distinct, Min: Exact(values[0]), Max: Exact(values[^1]), Median: median);
    }

    /// <summary>The float as it was written (70.35, not 70.3499984741211): the table holds numbers as floats.</summary>
    private static double Exact(float value) => Math.Abs(value) < 1e15f ? (double)(decimal)value : value;
}
