using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Telco.InsightPortal.UI.Figures;

namespace Telco.InsightPortal.UI.Tests;

/// <summary>The shared charts read right: categories stay categories, more is darker, rates never dip below zero.</summary>
public sealed class FigureTests
{
    private static readonly IReadOnlyList<IReadOnlyList<double>> Confusion = [[800, 100], [150, 350]];

    [Fact]
    public void AConfusionMatrixHasCategoryAxesNamedByClassNotNumbersAroundThem()
    {
        var figure = HeatmapFigure.Build("Confusion", "Predicted", "Actual", ["No", "Yes"], ["No", "Yes"], Confusion, 320);

        var x = figure.Layout.XAxis.Single();
        var y = figure.Layout.YAxis.Single();
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, x.Type);
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category, y.Type);
        Assert.Equal(["No", "Yes"], x.TickText.Cast<string>());
        Assert.Equal(("Predicted", "Actual"), (x.Title.Text, y.Title.Text));
    }

    [Fact]
    public void TheLargestCountIsTheDarkestCell()
    {
        var heatmap = (HeatMap)HeatmapFigure.Build("Confusion", "Predicted", "Actual", ["0", "1"], ["0", "1"], Confusion, 320).Data.Single();

        // Plotly's Blues scale runs from dark at the minimum to light at the maximum: reversed, the maximum is darkest.
        Assert.Equal(("Blues", true), (heatmap.ColorScale?.ToString(), heatmap.ReverseScale));
    }

    [Fact]
    public void EachCellShowsItsCountAndItsShareOfAll()
    {
        var heatmap = (HeatMap)HeatmapFigure.Build("Confusion", "Predicted", "Actual", ["No", "Yes"], ["No", "Yes"], Confusion, 320).Data.Single();

        var cells = ((IEnumerable<object>)heatmap.Text).Select(row => ((IEnumerable<object>)row).Cast<string>().ToList()).ToList();
        Assert.Equal([["800 (57.1 %)", "100 (7.1 %)"], ["150 (10.7 %)", "350 (25.0 %)"]], cells);
        Assert.Equal("%{text}", heatmap.TextTemplate);
    }

    [Fact]
    public void APsiHeatmapColoursByFixedThresholdsAndLeavesWindowsWithoutAValueBlank()
    {
        IReadOnlyList<IReadOnlyList<double>> psi = [[0.02, double.NaN], [0.31, 0.12]];

        var heatmap = (HeatMap)HeatmapFigure.Build("PSI", "window", "feature", ["w1", "w2"], ["tenure", "Contract"], psi, 200,
            HeatmapScale.Thresholds(0.1, 0.25)).Data.Single();

        var cells = ((IEnumerable<object>)heatmap.Text).Select(row => ((IEnumerable<object>)row).Cast<string>().ToList()).ToList();
        Assert.Equal([["0.020", "—"], ["0.310", "0.120"]], cells);
        var z = ((IEnumerable<object>)heatmap.Z).Select(row => ((IEnumerable<object?>)row).ToList()).ToList();
        Assert.Null(z[0][1]);
        // 0 … 0.5: a PSI of 0.3 is red wherever it appears, not "the darkest of this page".
        Assert.Equal((0m, 0.5m, false), (heatmap.ZMin, heatmap.ZMax, heatmap.ReverseScale));
    }

    [Fact]
    public void HexRunIdsOnABarChartStayCategoriesAndLongOnesAreAbbreviatedWithTheFullIdOnHover()
    {
        string[] runs = ["281e47", "1e5", "7f3c2a9b41d04e8c9e2f6a1b3c5d7e9f"];

        var figure = BarFigure.Build(runs, [0.81, 0.84, 0.86], histogram: false, height: 200);

        var x = figure.Layout.XAxis.Single();
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, x.Type);
        Assert.Equal(runs, x.TickVals.Cast<string>());
        Assert.Equal(["281e47", "1e5", "7f3c2a9b41d04e8c9…"], x.TickText.Cast<string>());
        Assert.Contains("%{x}", ((Bar)figure.Data.Single()).HoverTemplate);
    }

    [Fact]
    public void ARateChartNeverShowsBelowZeroWhileOtherCurvesKeepTheirOwnRange()
    {
        ChartSeries flat = new("errors", [1, 2, 3], [0, 0, 0]);

        var rate = LineFigure.Build("Errors", "minute", "rate", [flat], nonNegativeY: true, height: 200);
        var curve = LineFigure.Build("ROC", "fpr", "tpr", [flat], nonNegativeY: false, height: 200);

        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.NonNegative, rate.Layout.YAxis.Single().RangeMode);
        Assert.Null(curve.Layout.YAxis.Single().RangeMode);
    }

    [Theory]
    [InlineData("churn", "churn")]
    [InlineData("exactly-eighteen-c", "exactly-eighteen-c")]
    [InlineData("nineteen-characters", "nineteen-characte…")]
    public void LongLabelsAreCutWithAnEllipsis(string label, string shown) => Assert.Equal(shown, ChartText.Abbreviate(label));
}
