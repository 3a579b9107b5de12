using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
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
    private const string ScoreColumn = "Score";

    private readonly ITransformer _model;
    private readonly DatasetSchema _schema;
    private readonly Lazy<(ITransformer Featuriser, ITransformer Contributions)?> _explainer;
    private readonly Lazy<double?> _bias;

    public ChurnScorer(ITransformer model, DatasetSchema schema)
    {
        _model = model;
        _schema = schema;
        _explainer = new Lazy<(ITransformer, ITransformer)?>(BuildExplainer);
        _bias = new Lazy<double?>(LinearBias);
    }

    /// <summary>Churn probability for each row, in order.</summary>
    public float[] Score(IReadOnlyList<object?[]> rows, CancellationToken ct = default) =>
        rows.Count == 0 ? [] : Probabilities.Of(_model, View(rows, ct));

    /// <summary>True when the model can break a score down by feature: logistic, fasttree and lightgbm can;
    /// ML.NET's forest (quantile regression trees) cannot.</summary>
    public bool CanExplain => _explainer.Value is not null;

    /// <summary>Per row, the input columns ordered by how strongly they moved the score, strongest first.</summary>
    public IReadOnlyList<IReadOnlyList<FeatureContribution>> Explain(IReadOnlyList<object?[]> rows, int top = 5, CancellationToken ct = default) =>
        [.. ExplainRows(rows, ct).Select(r => (IReadOnlyList<FeatureContribution>)[.. r.Contributions.Take(top)])];

    /// <summary>
    /// Per row, every input column's contribution (strongest first), the raw score and the probability. For a linear
    /// model the bias is given too, and bias + Σ contributions = score; tree ensembles spread their base value over
    /// the paths, so their bias is null.
    /// </summary>
    public IReadOnlyList<RowExplanation> ExplainRows(IReadOnlyList<object?[]> rows, CancellationToken ct = default)
    {
        if (_explainer.Value is not { } explainer)
            throw new NotSupportedException("This model does not support feature contributions.");
        if (rows.Count == 0) return [];
        var view = View(rows, ct);
        var scoredView = _model.Transform(view);
        var scores = scoredView.GetColumn<float>(ScoreColumn).ToArray();
        var probabilities = scoredView.GetColumn<float>(Probabilities.Column).ToArray();
        var contributions = explainer.Contributions.Transform(explainer.Featuriser.Transform(view));
        var owners = SlotOwners(contributions.Schema[FeaturePipeline.FeaturesColumn]);
        var result = new List<RowExplanation>(rows.Count);
        var i = 0;
        foreach (var vector in contributions.GetColumn<VBuffer<float>>(ContributionsColumn))
        {
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (slot, value) in vector.Items())
            {
                if (value == 0) continue;
                sums[owners[slot]] = sums.GetValueOrDefault(owners[slot]) + value;
            }
            var ordered = sums.Select(kv => new FeatureContribution(kv.Key, kv.Value)).OrderByDescending(c => Math.Abs(c.Contribution)).ToList();
            result.Add(new RowExplanation(scores[i], probabilities[i], _bias.Value, ordered));
            i++;
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
        var transformers = Flatten(_model).ToList();
        var index = transformers.FindLastIndex(t => PredictorModelType(t) is not null);
        if (index < 0) return null;
        var featuriser = new TransformerChain<ITransformer>([.. transformers.Take(index)]);
        var predictor = transformers[index];
        var empty = new TableDataView(ColumnarTable.Load(_schema, [], null, null, CancellationToken.None), []);
        var featurised = featuriser.Transform(empty);
        var slots = ((VectorDataViewType)featurised.Schema[FeaturePipeline.FeaturesColumn].Type).Size;
        var estimator = ContributionEstimator(new MLContext(), predictor, PredictorModelType(predictor)!, slots);
        return estimator is null ? null : (featuriser, estimator.Fit(featurised));
    }

    /// <summary>The intercept of a linear model, under its calibrator if it has one; null for other models.</summary>
    private double? LinearBias()
    {
        var predictor = Flatten(_model).LastOrDefault(t => PredictorModelType(t) is not null);
        var model = Property(predictor, "Model");
        if (Property(model, "SubModel") is { } inner) model = inner;
        return model is LinearModelParameters linear ? linear.Bias : null;
    }

    // Derived transformers redeclare Model with a narrower type, so a plain GetProperty would be ambiguous.
    private static object? Property(object? target, string name) =>
        target?.GetType().GetProperties().FirstOrDefault(p => p.Name == name)?.GetValue(target);

    // A trainer with a calibrator appended is itself a chain inside the model's chain.
    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is TransformerChain<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private static Type? PredictorModelType(ITransformer t) =>
        t.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISingleFeaturePredictionTransformer<>))
            ?.GetGenericArguments()[0];

    /// <summary>
    /// An uncalibrated model goes to ML.NET's CalculateFeatureContribution directly. The calibrated overload is
    /// generic in the model type, which a loaded model only knows at run time, so it is called by reflection.
    /// Null when the model cannot explain itself.
    /// </summary>
    private static IEstimator<ITransformer>? ContributionEstimator(MLContext ml, ITransformer predictor, Type modelType, int slots)
    {
        // Keep every slot's contribution, unnormalised, so that sums per input column stay meaningful.
        if (predictor is ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> plain)
            return ml.Transforms.CalculateFeatureContribution(plain, slots, slots, normalize: false);
        var calibrated = FindCalibratedBase(modelType);
        if (calibrated is null) return null;
        var method = typeof(ExplainabilityCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(ExplainabilityCatalog.CalculateFeatureContribution) && m.IsGenericMethodDefinition);
        try
        {
            return (IEstimator<ITransformer>?)method.MakeGenericMethod(calibrated.GetGenericArguments())
                .Invoke(null, [ml.Transforms, predictor, slots, slots, false]);
        }
        catch (ArgumentException)
        {
            return null; // the inner model does not implement ICalculateFeatureContribution
        }
    }

    private static Type? FindCalibratedBase(Type? type)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>)) return type;
        return null;
    }
}
