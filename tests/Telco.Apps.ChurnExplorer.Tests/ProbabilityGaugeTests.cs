using Bunit;
using Telco.Apps.ChurnExplorer.Components;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class ProbabilityGaugeTests : ExplorerTestContext
{
    [Theory]
    [InlineData(0.734, "High risk")]
    [InlineData(0.3, "Medium risk")]
    [InlineData(0.1, "Low risk")]
    public void ShowsTheProbabilityAsAPercentWithItsBand(double probability, string band)
    {
        var cut = Render<ProbabilityGauge>(p => p.Add(x => x.Probability, probability).Add(x => x.Threshold, 0.5));

        Assert.Equal(probability.ToString("P1"), cut.Find("#churn-probability").TextContent.Trim());
        Assert.Equal(band, cut.Find("#churn-probability-band").TextContent.Trim());
        var meter = cut.Find("[role=meter]");
        Assert.Equal((probability * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), meter.GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void TheThresholdIsMarkedOnTheScaleAndFollowsItsParameter()
    {
        var cut = Render<ProbabilityGauge>(p => p.Add(x => x.Probability, 0.45).Add(x => x.Threshold, 0.5));

        Assert.Contains("left:50%", cut.Find("#churn-probability-threshold").GetAttribute("style"));
        Assert.Equal("Medium risk", cut.Find("#churn-probability-band").TextContent.Trim());

        cut.Render(p => p.Add(x => x.Threshold, 0.375));

        Assert.Contains("left:37.5%", cut.Find("#churn-probability-threshold").GetAttribute("style"));
        Assert.Equal("High risk", cut.Find("#churn-probability-band").TextContent.Trim());
    }

    [Fact]
    public void ASecondGaugeTakesItsOwnIds()
    {
        var cut = Render<ProbabilityGauge>(p => p.Add(x => x.Probability, 0.2).Add(x => x.Threshold, 0.5).Add(x => x.Id, "whatif-probability"));

        Assert.Equal(0.2.ToString("P1"), cut.Find("#whatif-probability").TextContent.Trim());
        Assert.Empty(cut.FindAll("#churn-probability"));
    }
}
