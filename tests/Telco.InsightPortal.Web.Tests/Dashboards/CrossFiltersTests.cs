using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Web.Dashboards;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Tests.Dashboards;

/// <summary>Clicks into cross-filter pieces: every click adds, the same value twice adds once, a grouped mark adds both
/// of its values, and a binned mark filters to its bin as a range that stops short of the next bin.</summary>
public sealed class CrossFiltersTests
{
    private static ChartSpec Spec(string x) => ChartSpecParser.Parse(
        """{"version":1,"source":{"dataset":"telco-churn"},"type":"bar","x":""" + x + "}");

    [Fact]
    public void EachClickAddsAndTheSameValueTwiceAddsOnce()
    {
        var spec = Spec("""{"field":"Contract"}""");

        var once = CrossFilters.Add([], "c1", spec, new ChartMark("Contract", "One year", true));
        var twice = CrossFilters.Add(once, "c1", spec, new ChartMark("Contract", "Two year", true));
        var again = CrossFilters.Add(twice, "c1", spec, new ChartMark("Contract", "Two year", true));

        Assert.Equal(["Contract = One year", "Contract = Two year"], again.Select(c => c.Label));
        Assert.All(again, c => Assert.Equal((FilterOp.In, "c1"), (c.Filter.Op, c.ChartId)));
    }

    [Fact]
    public void AGroupedMarkAddsItsXAndItsGroupValue()
    {
        var spec = Spec("""{"field":"Contract"}""") with { Group = "Churn" };

        var pieces = CrossFilters.Add([], "c1", spec, new ChartMark("Contract", "One year", true) { Group = new MarkedValue("Churn", "Yes") });

        Assert.Equal(["Contract = One year", "Churn = Yes"], pieces.Select(c => c.Label));
    }

    [Fact]
    public void ABinnedMarkFiltersToItsBin()
    {
        var numbers = CrossFilters.Add([], "c1", Spec("""{"field":"tenure","bin":{"width":6}}"""), new ChartMark("tenure", 12.0, true)).Single().Filter;
        var months = CrossFilters.Add([], "c1", Spec("""{"field":"signup_at","bin":{"unit":"month"}}"""),
            new ChartMark("signup_at", new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), true)).Single().Filter;

        Assert.Equal(FilterOp.Range, numbers.Op);
        Assert.Equal(12.0, (double)numbers.Min!);
        Assert.True((double)numbers.Max! is > 17.999 and < 18.0, $"the bin ends just short of 18, not at {numbers.Max}");
        Assert.Equal(("2024-02-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z"), ((string)months.Min!, (string)months.Max!));
    }
}
