using System.Globalization;
using System.Text;

namespace Telco.InsightPortal.Bench.Roi;

/// <summary>Held-out predictions shaped like a churn model's: about 27 % churners, scores that lean towards the
/// right answer, stored as floats (as the trainer writes them), so ties occur about as often as in a real file.</summary>
internal static class SyntheticPredictions
{
    public static (double Score, bool Label)[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new (double, bool)[count];
        for (var i = 0; i < count; i++)
        {
            var label = random.NextDouble() < 0.27;
            // The mean of two uniforms, shifted by the label: overlapping humps, as a model with ROC AUC ~0.85 gives.
            var raw = (random.NextDouble() + random.NextDouble()) / 2 + (label ? 0.25 : -0.1);
            rows[i] = ((float)Math.Clamp(raw, 0, 1), label);
        }
        return rows;
    }

    /// <summary>The same rows in ArtifactWriter's predictions.csv layout.</summary>
    public static string Csv((double Score, bool Label)[] rows)
    {
        var text = new StringBuilder("row,id,label,probability\n", rows.Length * 32);
        for (var i = 0; i < rows.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i},{i:0000}-ABCDE,{(rows[i].Label ? 1 : 0)},{((float)rows[i].Score).ToString("R", CultureInfo.InvariantCulture)}\n");
        return text.ToString();
    }
}
