using System.Globalization;
using Microsoft.ML;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Ml.Trainers;

/// <summary>
/// The <see cref="TrainerCatalog.Ensemble"/> trainer: logistic regression on min-max scaled features and LightGBM on
/// the raw ones, fitted on the same rows, their log-odds averaged into the ensemble's score. The two err in different
/// places (the linear model cannot bend, the trees are noisy where rows are few), so the average ranks better than
/// either. Built from stock ML.NET transforms only (copy, min-max, expression), so its zip saves and loads like any
/// other model, with nothing to register.
/// </summary>
internal static class EnsembleTrainer
{
    /// <summary>The linear member's log-odds, kept beside the ensemble's score; its presence marks a model as this ensemble.</summary>
    public const string LinearScoreColumn = "__linear_score__";
    public const string ScaledFeaturesColumn = "__features_scaled__";
    /// <summary>Each member's share of the ensemble's log-odds; explanations weigh the members' contributions the same way.</summary>
    public const double MemberWeight = 0.5;

    private const string Score = Probabilities.ScoreColumn;
    private const string Probability = Probabilities.Column;

    public static IEstimator<ITransformer> Create(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings s)
    {
        var w = MemberWeight.ToString(CultureInfo.InvariantCulture);
        // LightGBM's log-odds from its probability; the clamp keeps a saturated tree vote finite.
        var combine = $"(linear, p) => {w} * linear + {w} * log(max(p, 1e-7) / max(1 - p, 1e-7))";
        return ml.Transforms.NormalizeMinMax(ScaledFeaturesColumn, s.Features)
            .Append(TrainerCatalog.CreateLogistic(ml, p, s with { Features = ScaledFeaturesColumn }))
            .Append(ml.Transforms.CopyColumns(LinearScoreColumn, Score))
            .Append(TrainerCatalog.CreateLightGbm(ml, p, s))
            .Append(ml.Transforms.Expression(Score, combine, LinearScoreColumn, Probability))
            .Append(ml.Transforms.Expression(Probability, "s => 1 / (1 + exp(-s))", Score))
            .Append(ml.Transforms.Expression("PredictedLabel", "s => s >= 0", Score));
    }
}
