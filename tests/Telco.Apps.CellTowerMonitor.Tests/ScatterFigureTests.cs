using Plotly.Blazor.Traces;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.UI.Figures;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>The shared scatter figure the map draws with: plain axes, a fixed colour range, sizes by area, text as data.</summary>
public sealed class ScatterFigureTests
{
    private static readonly ScatterPoint[] Points = [new("a", -83, 51, 0.2, 1), new("<b>b</b>", -82, 52, 0.9, 4)];

    [Fact]
    public void ItIsAPlainScatterWithAFixedColourRangeAColourBarAndTheAspectAsked()
    {
        var figure = ScatterFigure.Build(new ScatterSpec("Towers", "Longitude", "Latitude", "Failure probability", Points,
            [new(0, "#00ff00"), new(1, "#ff0000")], 0, 1, YScaleRatio: 1.6), 400);

        var scatter = Assert.IsType<Scatter>(Assert.Single(figure.Data));
        Assert.Equal(([0.2, 0.9]), scatter.Marker.ColorArray.Cast<double>());
        Assert.Equal((0m, 1m, true), (scatter.Marker.CMin, scatter.Marker.CMax, scatter.Marker.ShowScale));
        Assert.Equal("Failure probability", scatter.Marker.ColorBar.Title.Text);
        Assert.Equal(("x", 1.6m), (figure.Layout.YAxis.Single().ScaleAnchor, figure.Layout.YAxis.Single().ScaleRatio));
    }

    [Fact]
    public void TheLargestWeightGetsTheLargestMarkerAndAreaGrowsWithWeight()
    {
        var diameters = ScatterFigure.Diameters(Points);

        Assert.Equal(ScatterFigure.MaxDiameter, diameters[1]);
        Assert.Equal(ScatterFigure.MinDiameter + (ScatterFigure.MaxDiameter - ScatterFigure.MinDiameter) * 0.5, diameters[0]);
    }

    [Fact]
    public void LabelsAreEscapedSoPlotlyShowsThemAsTyped()
    {
        var scatter = (Scatter)ScatterFigure.Build(new ScatterSpec("t", "x", "y", "c", Points), 400).Data.Single();

        Assert.Equal(["a", "&lt;b&gt;b&lt;/b&gt;"], scatter.TextArray);
        Assert.Null(ScatterFigure.Build(new ScatterSpec("t", "x", "y", "c", Points), 400).Layout.YAxis.Single().ScaleAnchor);
    }
}
