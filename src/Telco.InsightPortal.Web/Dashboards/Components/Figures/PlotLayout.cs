using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>The layout every dashboard figure shares: transparent (the tile's card is the background), no title (the
/// tile shows it as text), axes typed by the column so text values stay categories, whatever they look like.</summary>
internal static class PlotLayout
{
    public const string Transparent = "rgba(0,0,0,0)";

    public static Layout Base(int height, bool legend) => new()
    {
        Height = height,
        ShowLegend = legend,
        Margin = new Margin { L = 50, R = 10, T = 10, B = 40 },
        PaperBgColor = Transparent,
        PlotBgColor = Transparent,
    };

    public static XAxis X(ChartColumn column) => new()
    {
        Type = column.Type switch
        {
            ColumnType.Text => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category,
            ColumnType.Timestamp => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
            _ => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
        },
        Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = ValueText.Label(column.Name) },
        AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
    };

    public static YAxis Y(string? title, bool category = false) => new()
    {
        Type = category ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category : null,
        Title = title is null ? null : new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = ValueText.Label(title) },
        AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
    };
}
