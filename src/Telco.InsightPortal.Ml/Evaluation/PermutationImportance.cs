using Microsoft.ML;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>
/// Permutation importance in input-column terms: shuffle one input column among the test rows (derived
/// features follow, since the data view computes them from the shuffled value) and measure the ROC AUC lost.
/// ML.NET's own PFI works on feature-vector slots, which would split a one-hot column into its categories.
/// </summary>
internal static class PermutationImportance
{
    public static IReadOnlyList<ColumnImportance> Compute(ITransformer model, ColumnarTable table, int[] rows, IReadOnlyList<string> columns, int seed, CancellationToken ct)
    {
        var labels = rows.Select(r => table.Labels![r]).ToArray();
        var baseline = BinaryEvaluator.RocAuc(Probabilities.Of(model, new TableDataView(table, rows)), labels);
        var result = new List<ColumnImportance>();
        foreach (var name in columns)
        {
            ct.ThrowIfCancellationRequested();
            var column = table.Schema.Find(name)!;
            var shuffled = Evaluation.StratifiedSplit.Shuffled(rows, new Random(HashCode.Combine(seed, column.Ordinal)));
            var view = new TableDataView(table, rows, (column.Ordinal, shuffled));
            var auc = BinaryEvaluator.RocAuc(Probabilities.Of(model, view), labels);
            result.Add(new ColumnImportance(column.Name, baseline - auc));
        }
        return [.. result.OrderByDescending(c => c.RocAucDrop)];
    }
}
