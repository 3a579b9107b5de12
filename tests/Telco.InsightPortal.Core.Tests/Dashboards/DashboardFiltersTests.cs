using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

public sealed class DashboardFiltersTests
{
    [Fact]
    public void ValuesOfOneFieldAddUpAndFieldsTheSourceLacksAreLeftOut()
    {
        var spec = ChartSpecParser.Parse(DashboardDocumentParserTests.Spec);
        var fields = new HashSet<string> { "Contract", "tenure" };

        DashboardFilter[] filters = [new("Contract", ["Two year"]), new("Contract", ["One year", "Two year"]), new("tenure", [12L]), new("accuracy", [1L])];

        var filtered = DashboardFilters.Apply(spec, fields, filters.Select(DashboardFilters.Piece));

        Assert.Equal(2, filtered.Filters.Count);
        Assert.Equal(new object[] { "Two year", "One year" }, filtered.Filters[0].Values);
        Assert.Equal((FilterOp.In, "tenure"), (filtered.Filters[1].Op, filtered.Filters[1].Field));
        Assert.Same(spec, DashboardFilters.Apply(spec, fields, [DashboardFilters.Piece(new("accuracy", [1L]))]));
    }

    [Fact]
    public void ClickedBinsOfOneFieldMergeIntoTheRangeThatCoversThem()
    {
        var spec = ChartSpecParser.Parse(DashboardDocumentParserTests.Spec);

        var filtered = DashboardFilters.Apply(spec, new HashSet<string> { "tenure" },
            [new ChartFilter("tenure", FilterOp.Range, Min: 24.0, Max: 35.9), new ChartFilter("tenure", FilterOp.Range, Min: 0.0, Max: 11.9)]);

        Assert.Equal((FilterOp.Range, (object?)0.0, (object?)35.9), (filtered.Filters.Single().Op, filtered.Filters.Single().Min, filtered.Filters.Single().Max));
    }
}
