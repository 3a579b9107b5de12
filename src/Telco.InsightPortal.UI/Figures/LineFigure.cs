using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>Curves on shared numeric axes. A quantity that cannot be negative (a rate, a count, a latency) keeps its Y
/// axis at zero or above, however Plotly would pad a flat line.</summary>
public static class LineFigure
{
    /// <summary>A series this short also gets markers: a single point (a deployment's first minute) draws no line at all.</summary>
    public const int ShortSeries = 60;

    public static Figure Build(string title, string xTitle, string yTitle, IReadOnlyList<ChartSeries> series, bool nonNegativeY, int height)
    {
        var data = series.Select(s => (ITrace)new Scatter
        {
            Name = s.Name,
            Mode = s.X.Count <= ShortSeries ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines,
            X = s.X.Cast<object>().ToList(),
            Y = s.Y.Cast<object>().ToList(),
            Line = s.Dashed ? new Line { Dash = "dash", Color = "#9e9e9e" } : null,
        }).ToList();
        var layout = new Layout
        {
            Height = height,
            Title = new Plotly.Blazor.LayoutLib.Title { Text = title },
            XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True }],
            YAxis =
            [
                new Plotly.Blazor.LayoutLib.YAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle },
                    AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                    RangeMode = nonNegativeY ? Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.NonNegative : null,
                },
            ],
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 55, R = 10, T = 40, B = 50 },
            PaperBgColor = Figure.Transparent,
            PlotBgColor = Figure.Transparent,
        };
        return new Figure(data, layout);
    }
}
