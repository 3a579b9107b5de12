using Microsoft.ML;
using Microsoft.ML.Data;

namespace Telco.InsightPortal.Ml.Scoring;

internal static class Probabilities
{
    public const string Column = "Probability";

    /// <summary>Scores the whole view in one Transform and reads the calibrated probabilities in row order.</summary>
    public static float[] Of(ITransformer model, IDataView view) =>
        model.Transform(view).GetColumn<float>(Column).ToArray();
}
