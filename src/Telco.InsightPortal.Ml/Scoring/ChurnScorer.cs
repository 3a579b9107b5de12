using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Featurisation;
using Telco.InsightPortal.Ml.Trainers;

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
    private readonly Lazy<IReadOnlyList<Member>?> _members;
    private readonly Lazy<double?> _bias;

    /// <summary>One predictor of the model: the transforms before it, its contribution calculator, and what one unit of
    /// its contributions is worth in the model's score.</summary>
    private sealed record Member(ITransformer Featuriser, ITransformer Contributions, double Weight);

    public ChurnScorer(ITransformer model, DatasetSchema schema)
    {
        _model = model;
        _schema = schema;
        _members = new Lazy<IReadOnlyList<Member>?>(BuildExplainer);
        _bias = new Lazy<double?>(LinearBias);
    }

    /// <summary>Churn probability for each row, in order.</summary>
    public float[] Score(IReadOnlyList<object?[]> rows, CancellationToken ct = default) =>
        rows.Count == 0 ? [] : Probabilities.Of(_model, View(rows, ct));

    /// <summary>True when the model can break a score down by feature, as every trainer in the catalog can; a model whose
    /// predictor has no feature contributions (one logged by an MLflow client, say) cannot.</summary>
    public bool CanExplain => _members.Value is not null;

    /// <summary>Per row, the input columns ordered by how strongly they moved the score, strongest first.</summary>
    public IReadOnlyList<IReadOnlyList<FeatureContribution>> Explain(IReadOnlyList<object?[]> rows, int top = 5, CancellationToken ct = default) =>
        [.. ExplainRows(rows, ct).Select(r => (IReadOnlyList<FeatureContribution>)[.. r.Contributions.Take(top)])];

    /// <summary>
    /// Per row, every input column's contribution (strongest first), the raw score and the probability. For a linear
    /// model the bias is given too, and bias + Σ contributions = score; tree ensembles spread their base value over
    /// the paths, so their bias is null. The ensemble's score is the mean of its members' log-odds, and its
    /// contributions are the mean of theirs in log-odds; its bias is null, as its trees' is.
    /// </summary>
    public IReadOnlyList<RowExplanation> ExplainRows(IReadOnlyList<object?[]> rows, CancellationToken ct = default)
    {
        if (_members.Value is not { } members)
            throw new NotSupportedException("This model does not support feature contributions.");
        if (rows.Count == 0) return [];
        var view = View(rows, ct);
        var scoredView = _model.Transform(view);
        var scores = scoredView.GetColumn<float>(Probabilities.ScoreColumn).ToArray();
        var probabilities = scoredView.GetColumn<float>(Probabilities.Column).ToArray();
        var sums = Enumerable.Range(0, rows.Count).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        foreach (var member in members)
        {
            var contributions = member.Contributions.Transform(member.Featuriser.Transform(view));
            var owners = SlotOwners(contributions.Schema[FeaturePipeline.FeaturesColumn]);
            var i = 0;
            foreach (var vector in contributions.GetColumn<VBuffer<float>>(ContributionsColumn))
            {
                foreach (var (slot, value) in vector.Items())
                {
                    if (value == 0) continue;
                    // A derived feature of several inputs (a count of services) is shared among them equally.
                    var share = value * member.Weight / owners[slot].Length;
                    foreach (var owner in owners[slot]) sums[i][owner] = sums[i].GetValueOrDefault(owner) + share;
                }
                i++;
            }
        }
        return [.. sums.Select((row, r) => new RowExplanation(scores[r], probabilities[r], _bias.Value,
            [.. row.Select(kv => new FeatureContribution(kv.Key, kv.Value)).OrderByDescending(c => Math.Abs(c.Contribution))]))];
    }

    private TableDataView View(IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var table = ColumnarTable.Load(_schema, rows, label: null, positiveLabel: null, ct);
        return new TableDataView(table, Enumerable.Range(0, table.RowCount).ToArray());
    }

    /// <summary>The input columns behind each slot of the feature vector, from the slot names Concatenate
    /// gives ("Contract.Month-to-month", "tenure", "TotalCharges:missing"), matched to the longest known part.</summary>
    private string[][] SlotOwners(DataViewSchema.Column features)
    {
        var parts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var c in _schema.Columns.Where(c => c.Role == ColumnRole.Feature))
        {
            parts[c.Name] = [c.Name];
            parts[c.Name + PlannedFeature.MissingSuffix] = [c.Name];
        }
        foreach (var e in EngineeredFeature.For(_schema)) parts[e.Name] = [.. e.Owners];
        var ordered = parts.OrderByDescending(p => p.Key.Length).ToList();
        VBuffer<ReadOnlyMemory<char>> names = default;
        features.GetSlotNames(ref names);
        return names.DenseValues().Select(n =>
        {
            var slot = n.ToString();
            var match = ordered.FirstOrDefault(p => slot == p.Key || slot.StartsWith(p.Key + ".", StringComparison.Ordinal));
            return match.Value ?? [slot];
        }).ToArray();
    }

    /// <summary>The model's predictors, each with the transforms before it and its contribution calculator: one for a
    /// single model, both members for the ensemble. A calibrator appended after training is not a predictor.</summary>
    private IReadOnlyList<Member>? BuildExplainer()
    {
        var transformers = Flatten(_model).ToList();
        var predictors = Enumerable.Range(0, transformers.Count).Where(i => IsPredictor(transformers[i])).ToList();
        if (predictors.Count == 0) return null;
        var ensemble = IsEnsemble();
        var empty = EmptyView();
        var members = new List<Member>();
        foreach (var index in ensemble ? predictors : [predictors[^1]])
        {
            var featuriser = new TransformerChain<ITransformer>([.. transformers.Take(index)]);
            var predictor = transformers[index];
            var featurised = featuriser.Transform(empty);
            var slots = ((VectorDataViewType)featurised.Schema[(string)Property(predictor, "FeatureColumnName")!].Type).Size;
            var estimator = ContributionEstimator(new MLContext(), predictor, PredictorModelType(predictor)!, slots);
            if (estimator is null) return null;
            var weight = 1.0;
            if (ensemble)
            {
                if (LogOddsPerScore(predictor) is not { } slope) return null;
                weight = EnsembleTrainer.MemberWeight * slope;
            }
            members.Add(new Member(featuriser, estimator.Fit(featurised), weight));
        }
        return members;
    }

    private bool IsEnsemble() => _model.GetOutputSchema(EmptyView().Schema).GetColumnOrNull(EnsembleTrainer.LinearScoreColumn) is not null;

    private TableDataView EmptyView() => new(ColumnarTable.Load(_schema, [], null, null, CancellationToken.None), []);

    /// <summary>The intercept of a single linear model, under its calibrator if it has one; null for other models.</summary>
    private double? LinearBias()
    {
        if (IsEnsemble()) return null;
        var predictor = Flatten(_model).LastOrDefault(IsPredictor);
        var model = Property(predictor, "Model");
        if (Property(model, "SubModel") is { } inner) model = inner;
        return model is LinearModelParameters linear ? linear.Bias : null;
    }

    /// <summary>How many units of log-odds one unit of the predictor's score is worth: its Platt calibrator maps score s
    /// to 1 / (1 + exp(slope·s + offset)), so the log-odds move by −slope per unit. Null without a Platt calibrator.</summary>
    private static double? LogOddsPerScore(ITransformer predictor) =>
        Property(Property(predictor, "Model"), "Calibrator") is PlattCalibrator platt ? -platt.Slope : null;

    private static bool IsPredictor(ITransformer t) => PredictorModelType(t) is { } type && !typeof(ICalibrator).IsAssignableFrom(type);

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
