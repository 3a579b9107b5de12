using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Telco.InsightPortal.Ml.Scoring;

namespace Telco.InsightPortal.Ml.Calibration;

/// <summary>
/// Platt scaling fitted on out-of-fold scores. Tree models fit their score-to-probability map on the rows they were
/// trained on, where they are surest, so their probabilities run too extreme on new rows. Cross-validation has already
/// scored every train+validation row with a model that never saw it; a sigmoid fitted to those scores, appended to the
/// final model, gives probabilities that hold on new rows. Its slope is negative in ML.NET's form
/// 1 / (1 + exp(slope·s + offset)), so it is monotone and leaves every ranking, and the ROC AUC, as it was.
/// </summary>
internal static class HeldOutCalibration
{
    /// <summary>The model with a calibrator appended, or null when the held-out scores do not rank churners higher
    /// (a calibrator would then invert the model).</summary>
    public static ITransformer? Append(MLContext ml, ITransformer model, IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var held = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new HeldOutScore { Score = s, Label = labels[i] }));
        var calibrator = ml.BinaryClassification.Calibrators
            .Platt(labelColumnName: nameof(HeldOutScore.Label), scoreColumnName: Probabilities.ScoreColumn)
            .Fit(held);
        var platt = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)calibrator).Model;
        return platt.Slope < 0 ? new TransformerChain<ITransformer>(model, calibrator) : null;
    }

    private sealed class HeldOutScore
    {
        public float Score { get; set; }
        public bool Label { get; set; }
    }
}
