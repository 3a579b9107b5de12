using System.Globalization;
using System.Text.RegularExpressions;

namespace Telco.InsightPortal.Web.Tests.Deployments;

internal static partial class TryItResult
{
    /// <summary>The probability the try-it result shows ("Probability" then the figure, whatever whitespace the markup puts between).</summary>
    public static double Probability(string resultText) =>
        double.Parse(Figure().Match(resultText) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No probability in '{resultText}'."),
            CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Probability\s*([0-9]+\.[0-9]+)")]
    private static partial Regex Figure();
}
