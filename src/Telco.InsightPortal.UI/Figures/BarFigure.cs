using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>A small bar chart or histogram over category labels, which stay categories whatever they look like.</summary>
public static class BarFigure
{
    public static Figure Build(IReadOnlyList<string> labels, IReadOnlyList<double> values, bool histogram, int height)
    {
        var bar = new Bar
        {
            X = labels.Cast<object>().ToList(),
            Y = values.Cast<object>().ToList(),
            HoverTemplate = "%{x}: %{y}<extra></extra>",
        };
        var layout = new Layout
        {
            Height = height,
            XAxis = [CategoryAxis.X(labels)],
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 40, R = 10, T = 10, B = 50 },
            BarGap = histogram ? 0 : null,
            PaperBgColor = Figure.Transparent,
            PlotBgColor = Figure.Transparent,
        };
        return new Figure([bar], layout);
    }
}
