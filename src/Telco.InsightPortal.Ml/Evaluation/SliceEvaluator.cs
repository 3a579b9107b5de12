using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;

namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>The test metrics of one value of a slice column. <see cref="RocAuc"/> is null when the slice has too few
/// rows of either class for it to mean anything; <see cref="Note"/> then says so.</summary>
public sealed record SliceMetrics(string Value, int Rows, int Positives, double? RocAuc, double Accuracy, double Precision, double Recall, string? Note);

public sealed record SliceColumn(string Column, IReadOnlyList<SliceMetrics> Slices);

/// <summary>
/// Metrics on the test split sliced by the columns a fairness review asks about first (gender, SeniorCitizen,
/// Contract, when the schema has them), then by every other categorical feature with at most
/// <see cref="MaxLevels"/> values. Slice row counts of one column add up to the test rows.
/// </summary>
public static class SliceEvaluator
{
    public const int MaxLevels = 6;
    /// <summary>Fewer rows than this of either class, and a slice's ROC AUC is noise (or undefined), so it is not reported.</summary>
    public const int MinPerClassForAuc = 5;

    public static readonly IReadOnlyList<string> Preferred = ["gender", "SeniorCitizen", "Contract"];

    internal static IReadOnlyList<SliceColumn> Compute(ColumnarTable table, int[] rows, IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var columns = Preferred.Select(name => table.Schema.Columns.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            .OfType<DatasetColumn>()
            .Concat(table.Schema.Columns.Where(c => c.Role == ColumnRole.Feature && !ColumnarTable.IsNumeric(c) && table.Holds(c.Ordinal)
                                                    && table.DistinctCount(c.Ordinal) <= MaxLevels))
            .Where(c => c.Role == ColumnRole.Feature && table.Holds(c.Ordinal))
            .DistinctBy(c => c.Ordinal)
            .ToList();
        return columns.Select(c => Slice(table, c, rows, probabilities, labels, threshold)).Where(s => s.Slices.Count <= 2 * MaxLevels).ToList();
    }

    private static SliceColumn Slice(ColumnarTable table, DatasetColumn column, int[] rows, IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var groups = Enumerable.Range(0, rows.Length).GroupBy(i => Value(table, column, rows[i]), StringComparer.Ordinal);
        var slices = groups.Select(g =>
        {
            var p = g.Select(i => probabilities[i]).ToArray();
            var y = g.Select(i => labels[i]).ToArray();
            var m = BinaryEvaluator.Evaluate(p, y, threshold);
            var negatives = m.Rows - m.Positives;
            var small = Math.Min(m.Positives, negatives) < MinPerClassForAuc;
            return new SliceMetrics(g.Key, m.Rows, m.Positives, small ? null : m.RocAuc, m.Accuracy, m.Precision, m.Recall,
                small ? $"Too small for ROC AUC: {m.Positives} positive and {negatives} negative rows (needs {MinPerClassForAuc} of each)." : null);
        });
        return new SliceColumn(column.Name, [.. slices.OrderBy(s => s.Value, StringComparer.Ordinal)]);
    }

    private static string Value(ColumnarTable table, DatasetColumn column, int row)
    {
        if (!ColumnarTable.IsNumeric(column) || column.Role == ColumnRole.Id) return table.Text(column.Ordinal, row);
        var number = table.Number(column.Ordinal, row);
        return float.IsNaN(number) ? ColumnarTable.MissingText : number.ToString(CultureInfo.InvariantCulture);
    }
}
