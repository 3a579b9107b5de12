using System.Globalization;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>One input's contribution in both units: the model's raw score, and percentage points of probability.</summary>
public sealed record ContributionTerm(string Column, double Raw, double Points)
{
    /// <summary>"+12.3 pts": signed, so a business reader sees the direction.</summary>
    public string PointsText => Points.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " pts";

    public string RawText => Raw.ToString("+0.000;−0.000;0.000", CultureInfo.InvariantCulture);
}

/// <summary>
/// Contributions in probability terms. Raw contributions add up in score units (log-odds for the logistic models:
/// bias + Σ contributions = score), which nobody outside data science reads. An input's points are how far the
/// probability would move if its contribution were taken out of the log-odds and the rest kept:
/// p − σ(logit p − c). Exact in that sense for a logistic model, whose score is the log-odds; for a recalibrated
/// model it takes one score unit as one unit of log-odds, an approximation the tooltip says. Points do not add up
/// to the probability: the sigmoid is not linear.
/// </summary>
public static class ContributionTerms
{
    public static double Points(double probability, double contribution)
    {
        var p = Math.Clamp(probability, 1e-9, 1 - 1e-9);
        var without = 1 / (1 + Math.Exp(-(Math.Log(p / (1 - p)) - contribution)));
        return (p - without) * 100;
    }

    /// <summary>The <paramref name="top"/> inputs that move the probability most, largest first.</summary>
    public static IReadOnlyList<ContributionTerm> Top(ServedExplanation explanation, int top) =>
        [.. explanation.Contributions
            .Select(c => new ContributionTerm(c.Column, c.Contribution, Points(explanation.Probability, c.Contribution)))
            .OrderByDescending(t => Math.Abs(t.Points)).ThenByDescending(t => Math.Abs(t.Raw)).Take(top)];
}
