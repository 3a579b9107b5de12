using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>A labelled grid of counts (a confusion matrix): category axes with the class names, the darkest colour for
/// the largest count, and each cell showing its count and its share of all counts.</summary>
public static class HeatmapFigure
{
    public static Figure Build(string title, string xTitle, string yTitle, IReadOnlyList<string> xLabels, IReadOnlyList<string> yLabels,
        IReadOnlyList<IReadOnlyList<double>> values, int height, HeatmapScale? scale = null)
    {
        scale ??= HeatmapScale.Counts;
        var total = values.Sum(row => row.Where(v => !double.IsNaN(v)).Sum());
        var text = values.Select(row => (object)row.Select(v => (object)(double.IsNaN(v) ? "—" : scale.Text(v, total))).ToList()).ToList();
        var heatmap = new HeatMap
        {
            X = xLabels.Cast<object>().ToList(),
            Y = yLabels.Cast<object>().ToList(),
            // A cell without a value is a gap (null), not a number the scale would colour.
            Z = values.Select(row => (object)row.Select(v => double.IsNaN(v) ? null : (object)v).ToList()).ToList(),
            Text = text,
            TextTemplate = "%{text}",
            HoverTemplate = $"{yTitle} %{{y}}, {xTitle} %{{x}}: %{{text}}<extra></extra>",
            // Counts: Plotly's "Blues" runs from dark to light; reversed, more is darker, as readers expect.
            ColorScale = scale.ColorScale,
            ReverseScale = scale.Reverse,
            ZMin = (decimal?)scale.Min,
            ZMax = (decimal?)scale.Max,
        };
        var layout = new Layout
        {
            Height = height,
            Title = new Plotly.Blazor.LayoutLib.Title { Text = title },
            XAxis = [CategoryAxis.X(xLabels, xTitle)],
            YAxis = [CategoryAxis.Y(yLabels, yTitle)],
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 80, R = 10, T = 40, B = 50 },
            PaperBgColor = Figure.Transparent,
            PlotBgColor = Figure.Transparent,
        };
        return new Figure([heatmap], layout);
    }

    /// <summary>"412 (36.6 %)".</summary>
    public static string CellText(double value, double total) =>
        value.ToString("N0", CultureInfo.InvariantCulture) + (total > 0 ? $" ({(value / total * 100).ToString("0.0", CultureInfo.InvariantCulture)} %)" : "");
}
