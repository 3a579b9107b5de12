using Bunit;
using Telco.Apps.ChurnExplorer.Components;

namespace Telco.Apps.ChurnExplorer.Tests;

public sealed class OfferResultViewTests : ExplorerTestContext
{
    private const string Catalog = """
        Security | 48 | OnlineSecurity=Yes
        Card | 10 | PaymentMethod=Credit card (automatic)
        One year | 120 | Contract=One year; MonthlyCharges*=0.9
        """;

    [Fact]
    public async Task TheChosenOffersTheirCostProbabilityAndValueAreShownWithEveryCandidateCheapestFirst()
    {
        // The at-risk customer (p0 ≈ 85.1 %): Card alone ≈ 77.6 %, One year alone crosses 0.6 for 120, and is the cheapest that does.
        var result = await RetentionSearch.FindAsync(Customers.AtRisk(), OfferCatalog.Parse(Catalog), 0.6, 500, new FakeChurnModel().ScoreAsync);

        var cut = Render<OfferResultView>(p => p.Add(x => x.Result, result));

        Assert.Equal(RetentionOutcome.Crosses, result.Outcome);
        var chosen = result.Chosen!;
        Assert.Equal(["One year"], cut.FindAll("#retention-chosen .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains(120.0.ToString("N2"), cut.Find("#retention-cost").TextContent);
        Assert.Contains(chosen.Probability.ToString("P1"), cut.Find("#retention-probability").TextContent);
        Assert.Contains(chosen.ExpectedValue.ToString("N2"), cut.Find("#retention-value").TextContent);
        var rows = cut.FindAll("#retention-candidates tbody tr");
        Assert.Equal(["Card", "Security", "Card + Security", "One year"], rows.Take(4).Select(r => r.Children[0].TextContent));
        Assert.Equal(7, rows.Count);
        Assert.Equal("true", rows.Single(r => r.Children[0].TextContent == "One year").GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task WhenNoneCrossesTheViewSaysSo()
    {
        var result = await RetentionSearch.FindAsync(Customers.AtRisk(), OfferCatalog.Parse(Catalog), 0.05, 500, new FakeChurnModel().ScoreAsync);

        var cut = Render<OfferResultView>(p => p.Add(x => x.Result, result));

        Assert.Contains("None crosses the threshold", cut.Find("#retention-outcome").TextContent);
        Assert.NotEmpty(cut.FindAll("#retention-chosen"));
    }

    [Fact]
    public async Task ACustomerUnderTheThresholdGetsNoOfferAndOfferNamesAreTextNotMarkup()
    {
        var row = Customers.AtRisk();
        row["Contract"] = "Two year";
        var catalog = OfferCatalog.Parse("<img src=x onerror=alert(1)> | 5 | PaymentMethod=Mailed check");

        var result = await RetentionSearch.FindAsync(row, catalog, 0.9, 500, new FakeChurnModel().ScoreAsync);
        var cut = Render<OfferResultView>(p => p.Add(x => x.Result, result));

        Assert.Contains("no offer is needed", cut.Find("#retention-outcome").TextContent);
        Assert.Empty(cut.FindAll("#retention-chosen"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", cut.Markup);
    }
}
