using Microsoft.ML;
using Microsoft.ML.Data;

namespace Telco.InsightPortal.Ml.Scoring;

internal static class Probabilities
{
    public const string Column = "Probability";
    public const string ScoreColumn = "Score";

    /// <summary>Scores the whole view in one Transform and reads the calibrated probabilities in row order.</summary>
    public static float[] Of(ITransformer model, IDataView view) =>
        model.Transform(view).GetColumn<float>(Column).ToArray();

    /// <summary>The raw scores and the probabilities of one Transform, in row order.</summary>
    public static (float[] Scores, float[] Probabilities) WithScores(ITransformer model, IDataView view)
    {
        var scored = model.Transform(view);
        var scoreColumn = scored.Schema[ScoreColumn];
        var probabilityColumn = scored.Schema[Column];
        var scores = new List<float>();
        var probabilities = new List<float>();
        using var cursor = scored.GetRowCursor([scoreColumn, probabilityColumn]);
        var score = cursor.GetGetter<float>(scoreColumn);
        var probability = cursor.GetGetter<float>(probabilityColumn);
        float s = 0, p = 0;
        while (cursor.MoveNext())
        {
            score(ref s);
            probability(ref p);
            scores.Add(s);
            probabilities.Add(p);
        }
        return ([.. scores], [.. probabilities]);
    }
}
