using Bunit.TestDoubles;
using Bunit;
using MudBlazor;
using MudBlazor.Services;
using Telco.Apps.RoiThreshold.Pages;
using Telco.InsightPortal.UI;

namespace Telco.Apps.RoiThreshold.Tests;

/// <summary>
/// The ROI explorer's figures against a hand-worked example. Six held-out customers, (score, churned):
/// (0.9, 1) (0.8, 0) (0.7, 1) (0.4, 0) (0.3, 1) (0.1, 0); default costs: a kept churner is worth 500, an offer to a
/// stayer costs 100. At 0.5 the offers go to 0.9, 0.8 and 0.7: TP 2, FP 1, FN 1 (0.3), TN 2, net 2·500 − 100 = 900.
/// Best over the scores: 0.9 → 500, 0.8 → 400, 0.7 → 900, 0.4 → 800, 0.3 → 1,300, 0.1 → 1,200; so 0.3 with 1,300.
/// </summary>
public sealed class RoiExplorerTests : BunitContext, IAsyncLifetime
{
    private const string Csv = "row,id,label,probability\n1,a,1,0.9\n2,b,0,0.8\n3,c,1,0.7\n4,d,0,0.4\n5,e,1,0.3\n6,f,0,0.1\n";

    public RoiExplorerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        ComponentFactories.AddStub<LineChart>();
        ComponentFactories.AddStub<Heatmap>();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void AtTheDefaultThresholdTheFiguresAndTheMatrixAreTheHandWorkedOnesAndTheBestIsNamed()
    {
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve()));

        Assert.Equal("900", Figure(cut, "roi-net-value"));
        Assert.Equal((4.0 / 6).ToString("P1"), Figure(cut, "roi-accuracy"));
        Assert.Equal((2.0 / 3).ToString("P1"), Figure(cut, "roi-precision"));
        Assert.Equal("3", Figure(cut, "roi-offers"));
        var matrix = cut.FindComponent<Stub<Heatmap>>().Instance.Parameters.Get(x => x.Values);
        Assert.Equal([[2.0, 1.0], [1.0, 2.0]], matrix.Select(r => r.ToArray()).ToArray());
        Assert.Contains("Best threshold 0.30: net value 1,300", cut.Find("#roi-best").TextContent);
    }

    [Fact]
    public void UsingTheBestMovesTheThresholdAndTheNetValueFollows()
    {
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve()));

        cut.Find("#roi-use-best").Click();

        Assert.Equal("1,300", Figure(cut, "roi-net-value"));
        Assert.Equal("5", Figure(cut, "roi-offers"));
        var series = cut.FindComponent<Stub<LineChart>>().Instance.Parameters.Get(x => x.Series);
        Assert.Equal([0.3, 0.3], series.Single(s => s.Name == "Chosen").X);
        Assert.Equal(101, series.Single(s => s.Name == "Net value").X.Count);
    }

    [Fact]
    public void ASavedDecisionIsWhereTheSliderAndCostsStartAndSavingHandsBackTheChoice()
    {
        (double Threshold, CostMatrix Costs)? saved = null;
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve())
            .Add(x => x.InitialThreshold, 0.3)
            .Add(x => x.InitialCosts, new CostMatrix(400, 0, 50, 0))
            .Add(x => x.OnSave, choice => saved = choice));

        // At 0.3 with these costs: TP 3, FP 2 → 3·400 − 2·50 = 1,100.
        Assert.Equal("1,100", Figure(cut, "roi-net-value"));
        cut.Find("#roi-save").Click();

        Assert.Equal((0.3, new CostMatrix(400, 0, 50, 0)), saved);
    }

    [Fact]
    public void WithoutASaveHandlerThereIsNoSaveButton()
    {
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve()));

        Assert.Empty(cut.FindAll("#roi-save"));
    }

    [Fact]
    public void ANegativeCostIsRefusedWithTheFieldNamedAndTheLastValidCostsStay()
    {
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve()));

        cut.Find("#roi-fp").Change("-5");

        Assert.Contains("FalsePositiveCost", cut.Find("#roi-cost-error").TextContent);
        Assert.Equal("900", Figure(cut, "roi-net-value"));
    }

    [Fact]
    public void ADearerOfferLowersTheNetValueByItsCostPerOffer()
    {
        var cut = Render<RoiExplorer>(p => p.Add(x => x.Curve, Predictions().ToCurve()));

        cut.Find("#roi-fp").Change("300");

        // At 0.5: 2·500 − 1·300 = 700.
        Assert.Equal("700", Figure(cut, "roi-net-value"));
        Assert.Empty(cut.FindAll("#roi-cost-error"));
    }

    private static HeldOutPredictions Predictions() => HeldOutPredictions.Parse(new StringReader(Csv));

    private static string Figure(IRenderedComponent<RoiExplorer> cut, string id) =>
        cut.Find($"#{id} [data-testid=figure-value]").TextContent.Trim();
}
