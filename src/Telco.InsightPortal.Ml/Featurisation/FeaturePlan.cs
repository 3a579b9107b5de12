using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Evaluation;

namespace Telco.InsightPortal.Ml.Featurisation;

/// <summary>
/// Decides which columns become features: Id, timestamp and label columns never do; a text column with
/// nearly one value per row is an identifier in disguise; a column that alone separates the classes on the
/// train split is leakage (it was filled in after the outcome was known). Those are left out with a warning.
/// </summary>
internal sealed record FeaturePlan(IReadOnlyList<PlannedFeature> Features, IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<string> InputColumns => Features.SelectMany(f => f.Owners).Distinct().ToList();

    public static FeaturePlan Create(ColumnarTable table, TrainingRequest request, DatasetColumn label, int[] trainRows)
    {
        var schema = table.Schema;
        var warnings = new List<string>();
        var candidates = request.Features is null
            ? schema.Columns.Where(c => c.Role == ColumnRole.Feature && c.Type != ColumnType.Timestamp && c.Ordinal != label.Ordinal).ToList()
            : request.Features.Select(name => Requested(schema, name, label)).ToList();

        var kept = new List<DatasetColumn>();
        foreach (var c in candidates)
        {
            var reason = ExclusionReason(table, c, trainRows, request.LeakageAuc);
            if (reason is null) kept.Add(c);
            else warnings.Add($"Feature '{c.Name}' was excluded: {reason}.");
        }
        if (kept.Count == 0)
            throw new TrainingException("No usable feature columns remain" + (warnings.Count > 0 ? ": " + string.Join(" ", warnings) : "."));

        var features = new List<PlannedFeature>();
        foreach (var c in kept)
        {
            var numeric = ColumnarTable.IsNumeric(c);
            features.Add(new PlannedFeature(c.Name, [c.Name], !numeric, numeric && HasMissing(table, c.Ordinal)));
        }
        var keptNames = kept.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var e in EngineeredFeature.For(schema).Where(e => e.Sources.All(keptNames.Contains)))
            features.Add(new PlannedFeature(e.Name, e.Owners, e.IsText, IndicateMissing: false));
        return new FeaturePlan(features, warnings);
    }

    private static DatasetColumn Requested(DatasetSchema schema, string name, DatasetColumn label)
    {
        var c = schema.Find(name) ?? throw new TrainingException($"Feature column '{name}' is not in the dataset.");
        if (c.Ordinal == label.Ordinal) throw new TrainingException($"Column '{c.Name}' is the label; it cannot also be a feature.");
        return c.Role switch
        {
            ColumnRole.Id => throw new TrainingException(
                $"Column '{c.Name}' is an Id column and cannot be a feature: the model would memorise customers instead of learning churn."),
            ColumnRole.Timestamp or ColumnRole.Label => throw new TrainingException(
                $"Column '{c.Name}' has role {c.Role} and cannot be a feature."),
            _ when c.Type == ColumnType.Timestamp => throw new TrainingException($"Column '{c.Name}' is a timestamp and cannot be a feature."),
            _ => c,
        };
    }

    private static string? ExclusionReason(ColumnarTable table, DatasetColumn c, int[] trainRows, double leakageAuc)
    {
        var labels = table.Labels!;
        float[] scores;
        if (ColumnarTable.IsNumeric(c))
        {
            scores = trainRows.Select(r => table.Number(c.Ordinal, r)).Select(v => float.IsNaN(v) ? float.MinValue : v).ToArray();
            if (scores.Distinct().Count() < 2) return "it has a single value";
        }
        else
        {
            var distinct = table.DistinctCount(c.Ordinal);
            if (distinct < 2) return "it has a single value";
            if (distinct > Math.Max(50, table.RowCount / 2))
                return $"it has {distinct:N0} distinct values in {table.RowCount:N0} rows, so it identifies rows rather than describing them";
            // Score each row by its category's churn rate: a category that is always one class gives AUC 1.
            var rates = trainRows.GroupBy(r => table.Text(c.Ordinal, r))
                .ToDictionary(g => g.Key, g => (float)g.Count(r => labels[r]) / g.Count(), StringComparer.Ordinal);
            scores = trainRows.Select(r => rates[table.Text(c.Ordinal, r)]).ToArray();
        }
        var auc = BinaryEvaluator.RocAuc(scores, trainRows.Select(r => labels[r]).ToArray());
        var separation = Math.Max(auc, 1 - auc);
        return separation >= leakageAuc
            ? $"on its own it predicts the label almost perfectly (ROC AUC {separation:F3} on the train split), which suggests leakage"
            : null;
    }

    private static bool HasMissing(ColumnarTable table, int ordinal)
    {
        for (var r = 0; r < table.RowCount; r++)
            if (float.IsNaN(table.Number(ordinal, r))) return true;
        return false;
    }
}
