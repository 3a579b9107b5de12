using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Featurisation;

namespace Telco.InsightPortal.Ml.Scoring;

/// <summary>
/// Scores batches of rows (schema order, as stored) with a trained model. Thread-safe: the model is shared
/// and each call builds its own data view. A batch is one Transform call, never a loop of single predictions.
/// </summary>
public sealed class ChurnScorer
{
    private const string ContributionsColumn = "FeatureContributions";

    private readonly ITransformer _model;
    private readonly DatasetSchema _schema;
    private readonly Lazy<(ITransformer Featuriser, ITransformer Contributions)?> _explainer;

    public ChurnScorer(ITransformer model, DatasetSchema schema)
    {
        _model = model;
        _schema = schema;
        _explainer = new Lazy<(ITransformer, ITransformer)?>(BuildExplainer);
    }

    /// <summary>Churn probability for each row, in order.</summary>
    public float[] Score(IReadOnlyList<object?[]> rows, CancellationToken ct = default) =>
        rows.Count == 0 ? [] : Probabilities.Of(_model, View(rows, ct));

    /// <summary>True when the model can break a score down by feature (all four catalogue trainers can).</summary>
    public bool CanExplain => _explainer.Value is not null;

    /// <summary>Per row, the input columns ordered by how strongly they moved the score, strongest first.</summary>
    public IReadOnlyList<IReadOnlyList<FeatureContribution>> Explain(IReadOnlyList<object?[]> rows, int top = 5, CancellationToken ct = default)
    {
        if (_explainer.Value is not { } explainer)
            throw new NotSupportedException("This model does not support feature contributions.");
        if (rows.Count == 0) return [];
        var featurised = explainer.Featuriser.Transform(View(rows, ct));
        var scored = explainer.Contributions.Transform(featurised);
        var owners = SlotOwners(scored.Schema[FeaturePipeline.FeaturesColumn]);
        var result = new List<IReadOnlyList<FeatureContribution>>(rows.Count);
        foreach (var vector in scored.GetColumn<VBuffer<float>>(ContributionsColumn))
        {
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (slot, value) in vector.Items())
            {
                if (value == 0) continue;
                sums[owners[slot]] = sums.GetValueOrDefault(owners[slot]) + value;
            }
            result.Add([.. sums.Select(kv => new FeatureContribution(kv.Key, kv.Value)).OrderByDescending(c => Math.Abs(c.Contribution)).Take(top)]);
        }
        return result;
    }

    private TableDataView View(IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var table = ColumnarTable.Load(_schema, rows, label: null, positiveLabel: null, ct);
        return new TableDataView(table, Enumerable.Range(0, table.RowCount).ToArray());
    }

    /// <summary>The input column behind each slot of the feature vector, from the slot names Concatenate
    /// gives ("Contract.Month-to-month", "tenure", "TotalCharges:missing"), matched to the longest known part.</summary>
    private string[] SlotOwners(DataViewSchema.Column features)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in _schema.Columns.Where(c => c.Role == ColumnRole.Feature))
        {
            parts[c.Name] = c.Name;
            parts[c.Name + PlannedFeature.MissingSuffix] = c.Name;
        }
        foreach (var e in EngineeredFeature.For(_schema)) parts[e.Name] = e.Owner;
        var ordered = parts.OrderByDescending(p => p.Key.Length).ToList();
        VBuffer<ReadOnlyMemory<char>> names = default;
        features.GetSlotNames(ref names);
        return names.DenseValues().Select(n =>
        {
            var slot = n.ToString();
            var match = ordered.FirstOrDefault(p => slot == p.Key || slot.StartsWith(p.Key + ".", StringComparison.Ordinal));
            return match.Value ?? slot;
        }).ToArray();
    }

    private (ITransformer, ITransformer)? BuildExplainer()
    {
        if (_model is not TransformerChain<ITransformer> chain) return null;
        var transformers = chain.ToList();
        var index = transformers.FindLastIndex(t => PredictorModelType(t) is not null);
        if (index < 0) return null;
        var featuriser = new TransformerChain<ITransformer>([.. transformers.Take(index)]);
        var ml = new MLContext();
        var predictor = transformers[index];
        var estimator = ContributionEstimator(ml, predictor, PredictorModelType(predictor)!);
        if (estimator is null) return null;
        var empty = new TableDataView(ColumnarTable.Load(_schema, [], null, null, CancellationToken.None), []);
        var featurised = featuriser.Transform(empty);
        return (featuriser, estimator.Fit(featurised));
    }

    private static Type? PredictorModelType(ITransformer t) =>
        t.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISingleFeaturePredictionTransformer<>))
            ?.GetGenericArguments()[0];

    /// <summary>
    /// ML.NET's CalculateFeatureContribution is generic in the model type, which a loaded model only knows at
    /// run time; the matching overload is picked by reflection (calibrated or not). Null when unsupported.
    /// </summary>
    private static IEstimator<ITransformer>? ContributionEstimator(MLContext ml, ITransformer predictor, Type modelType)
    {
        var methods = typeof(ExplainabilityCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(ExplainabilityCatalog.CalculateFeatureContribution)).ToList();
        MethodInfo? method = null;
        var calibrated = FindCalibratedBase(modelType);
        try
        {
            if (calibrated is not null)
                method = methods.Single(m => m.GetGenericArguments().Length == 2).MakeGenericMethod(calibrated.GetGenericArguments());
            else
                method = methods.Single(m => m.GetGenericArguments().Length == 1).MakeGenericMethod(modelType);
        }
        catch (ArgumentException)
        {
            return null; // the model type does not implement ICalculateFeatureContribution
        }
        const int all = int.MaxValue / 4;
        return (IEstimator<ITransformer>?)method.Invoke(null, [ml.Transforms, predictor, all, all, false]);
    }

    private static Type? FindCalibratedBase(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>)) return type;
        return null;
    }
}
