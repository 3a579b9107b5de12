using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Ml.Calibration;

/// <summary>
/// Platt scaling fitted on out-of-fold scores, applied only where the folds show it helps. Every trainer maps its score
/// to a probability with a calibration fitted on its own training rows, where a tree model is surest, so its
/// probabilities can run too extreme on new rows. Cross-validation has already scored every row with a model that never
/// saw it; calibrating each fold with a sigmoid fitted on the other folds of its repeat tells, without another fit,
/// whether the sigmoid lowers the log-loss on unseen rows. If it does, one fitted on the out-of-fold scores of
/// train+validation rows is appended to the final model. Its slope is negative in ML.NET's form
/// 1 / (1 + exp(slope·s + offset)), so it is monotone and leaves every ranking, and the ROC AUC, as it was.
/// </summary>
internal static class HeldOutCalibration
{
    /// <summary>Mean out-of-fold log-loss with the model's own probabilities and with Platt scaling fitted on the other folds.</summary>
    public sealed record Evidence(double OwnLogLoss, double PlattLogLoss)
    {
        public bool Helps => PlattLogLoss < OwnLogLoss;
    }

    public static Evidence Assess(MLContext ml, CrossValidationRun crossValidation)
    {
        var folds = crossValidation.HeldOut;
        var platt = folds.Select(fold =>
        {
            var others = folds.Where(o => o.Repeat == fold.Repeat && !ReferenceEquals(o, fold)).ToList();
            if (Fit(ml, [.. others.SelectMany(o => o.Scores)], [.. others.SelectMany(o => o.Labels)]) is not { } calibrator)
                return double.PositiveInfinity;
            var probabilities = fold.Scores.Select(calibrator.Platt.PredictProbability).ToArray();
            return BinaryEvaluator.Evaluate(probabilities, fold.Labels, 0.5).LogLoss;
        }).Average();
        return new Evidence(crossValidation.Folds.Average(f => f.Metrics.LogLoss), platt);
    }

    /// <summary>The model with a calibrator fitted on <paramref name="scores"/> appended, or null when those scores do not
    /// rank churners higher (a calibrator would then invert the model).</summary>
    public static ITransformer? Append(MLContext ml, ITransformer model, IReadOnlyList<float> scores, IReadOnlyList<bool> labels) =>
        Fit(ml, scores, labels) is { } calibrator ? new TransformerChain<ITransformer>(model, calibrator.Transformer) : null;

    private static (ITransformer Transformer, PlattCalibrator Platt)? Fit(MLContext ml, IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var held = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new HeldOutScore { Score = s, Label = labels[i] }));
        var transformer = ml.BinaryClassification.Calibrators
            .Platt(labelColumnName: nameof(HeldOutScore.Label), scoreColumnName: Probabilities.ScoreColumn)
            .Fit(held);
        var platt = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)transformer).Model;
        return platt.Slope < 0 ? (transformer, platt) : null;
    }

    private sealed class HeldOutScore
    {
        public float Score { get; set; }
        public bool Label { get; set; }
    }
}
