using Telco.InsightPortal.Core.Dashboards;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

public sealed class DashboardFiltersTests
{
    [Fact]
    public void ValuesOfOneFieldAddUpAndFieldsTheSourceLacksAreLeftOut()
    {
        var spec = ChartSpecParser.Parse(DashboardDocumentParserTests.Spec);
        var fields = new HashSet<string> { "Contract", "tenure" };

        var filtered = DashboardFilters.Apply(spec, fields,
            [new("Contract", ["Two year"]), new("Contract", ["One year", "Two year"]), new("tenure", [12L]), new("accuracy", [1L])]);

        Assert.Equal(2, filtered.Filters.Count);
        Assert.Equal(new object[] { "Two year", "One year" }, filtered.Filters[0].Values);
        Assert.Equal((FilterOp.In, "tenure"), (filtered.Filters[1].Op, filtered.Filters[1].Field));
        Assert.Same(spec, DashboardFilters.Apply(spec, fields, [new("accuracy", [1L])]));
    }
}
