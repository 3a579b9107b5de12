using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The try-it form's values as a what-if, over the IBM telco schema's numbers (ranges as training saw them).</summary>
public sealed class WhatIfTests
{
    private static readonly ServedSchema Telco = new("churn", [], [
        new ServedInput("gender", "text", true, ["Male", "Female"]),
        new ServedInput("tenure", "integer", true, Min: 0, Max: 72, Median: 29),
        new ServedInput("MonthlyCharges", "real", true, Min: 18.25, Max: 118.75, Median: 70.35),
        new ServedInput("TotalCharges", "real", false, Min: 18.8, Max: 8684.8, Median: 1397.47),
    ], "Churn");

    private static WhatIf Started()
    {
        var whatIf = new WhatIf(Telco);
        TryItRow.FillTypical(Telco, whatIf.Values);
        whatIf.Settle(new HashSet<string>());
        return whatIf;
    }

    [Fact]
    public void TypicalValuesStartTotalChargesFromTenureTimesMonthlyChargesNotItsOwnMedian()
    {
        var whatIf = Started();

        Assert.Equal("2040.15", whatIf.Values["TotalCharges"]);
        Assert.True(whatIf.IsLinked("TotalCharges"));
        Assert.False(whatIf.IsLinked("tenure"));
    }

    [Fact]
    public void ALoggedTotalChargesIsARealCustomersAndIsKept()
    {
        var whatIf = new WhatIf(Telco);
        TryItRow.Prefill(whatIf.Values, """{"tenure":35,"MonthlyCharges":45.0,"TotalCharges":1574.2}""");
        var logged = whatIf.Values.Where(v => v.Value is not null).Select(v => v.Key).ToHashSet();
        TryItRow.FillTypical(Telco, whatIf.Values);

        whatIf.Settle(logged);

        Assert.Equal("1574.2", whatIf.Values["TotalCharges"]);
    }

    [Fact]
    public void TotalChargesIsRecomputedWhenTenureOrMonthlyChargesChange()
    {
        var whatIf = Started();

        whatIf.Set("tenure", "2");
        var afterTenure = whatIf.Values["TotalCharges"];
        whatIf.Set("MonthlyCharges", "99.5");

        Assert.Equal("140.7", afterTenure);
        Assert.Equal("199", whatIf.Values["TotalCharges"]);
    }

    [Fact]
    public void EditingTotalChargesUnlinksItUntilItIsRelinked()
    {
        var whatIf = Started();

        whatIf.Set("TotalCharges", "5000");
        whatIf.Set("tenure", "2");
        var whileUnlinked = (whatIf.Values["TotalCharges"], whatIf.IsLinked("TotalCharges"));
        whatIf.Link("TotalCharges", true);

        Assert.Equal(("5000", false), whileUnlinked);
        Assert.True(whatIf.IsLinked("TotalCharges"));
        Assert.Equal("140.7", whatIf.Values["TotalCharges"]);
    }

    [Fact]
    public void UnlinkingKeepsTheValueAndStopsFollowing()
    {
        var whatIf = Started();

        whatIf.Link("TotalCharges", false);
        whatIf.Set("tenure", "10");

        Assert.Equal("2040.15", whatIf.Values["TotalCharges"]);
    }

    [Fact]
    public void ARuleAppliesOnlyWhenTheSchemaHasAllItsColumnsAsNumbers()
    {
        ServedSchema noMonthly = new("x", [], [new("tenure", "integer", true), new("TotalCharges", "real", true)], null);
        ServedSchema textTotal = new("x", [], [new("tenure", "integer", true), new("MonthlyCharges", "real", true), new("TotalCharges", "text", true)], null);

        Assert.Single(DerivedInput.For(Telco));
        Assert.Empty(DerivedInput.For(noMonthly));
        Assert.Empty(DerivedInput.For(textTotal));
        Assert.Null(new WhatIf(noMonthly).RuleFor("TotalCharges"));
    }

    [Fact]
    public void ANumberOutsideTheTrainingRangeIsFlaggedWithThatRange()
    {
        var whatIf = Started();

        whatIf.Set("tenure", "120");
        whatIf.Set("MonthlyCharges", "10");

        Assert.Equal(["outside the training range 0..72"], whatIf.Warnings(Telco.Inputs[1]));
        Assert.Equal(["outside the training range 18.25..118.75"], whatIf.Warnings(Telco.Inputs[2]));
        whatIf.Set("tenure", "72");
        Assert.Empty(whatIf.Warnings(Telco.Inputs[1]));
        Assert.Empty(whatIf.Warnings(Telco.Inputs[0]));
    }

    [Fact]
    public void TotalChargesFarFromTenureTimesMonthlyChargesIsAnUnusualCombination()
    {
        var whatIf = Started();
        whatIf.Set("tenure", "2");
        whatIf.Set("MonthlyCharges", "50");

        whatIf.Set("TotalCharges", "120");
        var within = whatIf.Warnings(Telco.Inputs[3]);
        whatIf.Set("TotalCharges", "1574");
        var far = whatIf.Warnings(Telco.Inputs[3]);

        Assert.Empty(within);
        Assert.Equal(["unusual combination: far from tenure × MonthlyCharges ≈ 100"], far);
    }
}
