using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>
/// Markers on numeric axes: colour from a value on a fixed scale (so the same probability is the same colour on every
/// load), a colour bar naming it, size growing with the square root of a weight (area, not diameter, reads as the
/// amount), and hover text naming each point. Labels are data: Plotly reads a few tags in text, so they are escaped.
/// </summary>
public static class ScatterFigure
{
    public const double MinDiameter = 6;
    // Small enough that 48 towers a few kilometres apart do not hide each other.
    public const double MaxDiameter = 22;

    public static Figure Build(ScatterSpec spec, int height)
    {
        var points = spec.Points;
        var scatter = new Scatter
        {
            Mode = ModeFlag.Markers,
            X = points.Select(p => (object)p.X).ToList(),
            Y = points.Select(p => (object)p.Y).ToList(),
            TextArray = points.Select(p => Escape(p.Label)).ToList(),
            HoverTemplate = $"%{{text}}<br>{Escape(spec.ColourTitle)}: %{{marker.color:.3f}}<extra></extra>",
            Marker = new Marker
            {
                ColorArray = points.Select(p => (object)p.Colour).ToList(),
                SizeArray = Diameters(points).Select(d => (decimal?)(decimal)d).ToList(),
                CMin = (decimal)spec.ColourMin,
                CMax = (decimal)spec.ColourMax,
                ColorScale = spec.ColourScale is { } stops ? stops.Select(s => (object)new object[] { s.At, s.Colour }).ToList() : "Viridis",
                ShowScale = true,
                ColorBar = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.ColorBar
                {
                    Title = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.ColorBarLib.Title { Text = Escape(spec.ColourTitle) },
                },
                Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#424242", Width = 1 },
            },
        };
        var layout = new Layout
        {
            Height = height,
            Title = new Plotly.Blazor.LayoutLib.Title { Text = Escape(spec.Title) },
            XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = spec.XTitle }, AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True }],
            YAxis =
            [
                new Plotly.Blazor.LayoutLib.YAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = spec.YTitle },
                    AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                    ScaleAnchor = spec.YScaleRatio is null ? null : "x",
                    ScaleRatio = spec.YScaleRatio is { } r ? (decimal)r : null,
                },
            ],
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 55, R = 10, T = 40, B = 50 },
            PaperBgColor = Figure.Transparent,
            PlotBgColor = Figure.Transparent,
        };
        return new Figure([scatter], layout);
    }

    /// <summary>Marker diameters in pixels: the largest weight gets <see cref="MaxDiameter"/>, the area in proportion below it.</summary>
    public static IReadOnlyList<double> Diameters(IReadOnlyList<ScatterPoint> points)
    {
        var max = points.Count == 0 ? 0 : points.Max(p => p.Size);
        return [.. points.Select(p => max <= 0 ? MinDiameter : MinDiameter + (MaxDiameter - MinDiameter) * Math.Sqrt(Math.Max(0, p.Size) / max))];
    }

    /// <summary>Plotly turns &lt;b&gt;, &lt;a href&gt; and a few more tags in text into markup; data must show as typed.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
