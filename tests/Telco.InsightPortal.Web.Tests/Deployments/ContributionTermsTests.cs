using Bunit;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>Contributions in points of probability, with the raw score units kept beside them.</summary>
public sealed class ContributionTermsTests : PortalTestContext
{
    [Fact]
    public void PointsAreWhatTheProbabilityLosesWhenTheContributionLeavesTheLogOdds()
    {
        // At p = 0.5 the log-odds are 0: taking out +ln 3 leaves σ(−ln 3) = 0.25, taking out −ln 3 leaves 0.75.
        Assert.Equal(25, ContributionTerms.Points(0.5, Math.Log(3)), 9);
        Assert.Equal(-25, ContributionTerms.Points(0.5, -Math.Log(3)), 9);
        Assert.Equal(0, ContributionTerms.Points(0.9, 0), 9);
        // Near certainty the same raw contribution moves the probability far less.
        Assert.Equal(1.941, ContributionTerms.Points(0.99, Math.Log(3)), 3);
    }

    [Fact]
    public void TheTopTermsAreThoseThatMoveTheProbabilityMostAndKeepTheirRawUnits()
    {
        var explanation = new ServedExplanation(0.5, 0, 0, [new("gender", 0.01), new("tenure", -Math.Log(3)), new("Contract", 2.0)]);

        var top = ContributionTerms.Top(explanation, 2);

        Assert.Equal(["Contract", "tenure"], top.Select(t => t.Column));
        Assert.Equal("−25.0 pts", top[1].PointsText);
        Assert.Equal("−1.099", top[1].RawText);
    }

    [Fact]
    public void TheTableShowsPointsFirstAndRawScoreUnitsBesideAndTheTooltipSaysHow()
    {
        var terms = ContributionTerms.Top(new ServedExplanation(0.5, 0, 0, [new("tenure", Math.Log(3))]), 8);

        var cut = Render<TryItContributions>(p => p.Add(x => x.Terms, terms).Add(x => x.Label, "Churn"));

        Assert.Equal("+25.0 pts", cut.Find("tr[data-column='tenure'] .contribution-points").TextContent);
        Assert.Equal("+1.099", cut.Find("tr[data-column='tenure'] .contribution-raw").TextContent);
        Assert.Contains("points of Churn probability", cut.Markup);
        Assert.Contains("taken out of the model's log-odds", cut.Find("#contributions-explained").GetAttribute("aria-label"));
    }
}
