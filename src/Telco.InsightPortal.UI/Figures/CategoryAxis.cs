using Plotly.Blazor.LayoutLib;

namespace Telco.InsightPortal.UI.Figures;

/// <summary>An axis of categories — class names, ids, segments — never read as numbers (a hex run id would
/// otherwise become "281.47…" and class labels 0/1 a range of −0.5 to 1.5), with long names abbreviated.</summary>
internal static class CategoryAxis
{
    public static XAxis X(IReadOnlyList<string> labels, string? title = null) => new()
    {
        Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category,
        TickVals = labels.Cast<object>().ToList(),
        TickText = labels.Select(l => (object)ChartText.Abbreviate(l)).ToList(),
        Title = title is null ? null : new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = title },
        // Tick labels and the title grow the margin rather than spill out of the chart box.
        AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
    };

    public static YAxis Y(IReadOnlyList<string> labels, string? title = null) => new()
    {
        Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category,
        TickVals = labels.Cast<object>().ToList(),
        TickText = labels.Select(l => (object)ChartText.Abbreviate(l)).ToList(),
        Title = title is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = title },
        AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
    };
}
