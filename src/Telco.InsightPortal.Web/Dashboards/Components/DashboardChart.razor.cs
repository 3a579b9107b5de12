using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Dashboards.Components.Figures;
using Telco.InsightPortal.Web.Dashboards.Export;

namespace Telco.InsightPortal.Web.Dashboards.Components;

/// <summary>
/// One chart tile. A click on a bar, slice, point, box or cell raises <see cref="OnMark"/> at once (cross-filtering),
/// and offers "Rows for …" beside the title, which raises <see cref="OnDrill"/> with the same mark: a drill is a
/// second, deliberate step, so a click never opens rows by itself.
/// </summary>
public partial class DashboardChart
{
    [Parameter, EditorRequired] public required ChartSpec Spec { get; set; }
    [Parameter, EditorRequired] public required ChartResult Result { get; set; }
    /// <summary>The plot's height in pixels (KPI and table tiles take what they need).</summary>
    [Parameter] public int Height { get; set; } = 320;
    /// <summary>Stamped on each mark; Plotly's click event has no modifier keys, so the dashboard decides.</summary>
    [Parameter] public bool Additive { get; set; }
    [Parameter] public EventCallback<ChartMark> OnMark { get; set; }
    [Parameter] public EventCallback<ChartMark> OnDrill { get; set; }

    [Inject] private IJSRuntime Js { get; set; } = default!;

    private DashboardPlot? _figure;
    private DashboardPlotly? _plotly;
    private ChartMark? _mark;
    private string? _problem;
    private (ChartSpec, ChartResult, int)? _drawn;

    /// <summary>The spec's title, or one made from its measures and fields ("count by Contract").</summary>
    public string Title => Spec.Title is { Length: > 0 } title ? title : DefaultTitle(Spec);

    // The PNG button needs a drawn plot, not just a plotted chart type.
    private bool CanDownloadPng => _figure is not null;

    protected override void OnParametersSet()
    {
        // Parents re-render often (every click re-renders the dashboard); build the figure only for a new answer.
        if (_drawn is var (spec, result, height) && ReferenceEquals(spec, Spec) && ReferenceEquals(result, Result) && height == Height) return;
        // A new answer: the old mark may name a bar that is gone.
        _drawn = (Spec, Result, Height);
        _mark = null;
        _problem = null;
        _figure = null;
        if (!DashboardFigure.IsPlotted(Spec.Type) || Result.Rows.Count == 0) return;
        try
        {
            _figure = DashboardFigure.Build(Spec, Result, Height);
        }
        catch (ArgumentException e)
        {
            _problem = "This chart cannot be drawn from its answer: " + e.Message;
        }
    }

    private async Task MarkAsync(ChartMark mark)
    {
        _mark = mark;
        await OnMark.InvokeAsync(mark);
    }

    private Task DrillAsync() => _mark is null ? Task.CompletedTask : OnDrill.InvokeAsync(_mark);

    private Task CsvAsync() => new BrowserDownload(Js).SaveAsync(ExportName.For(Spec, "csv"), ChartCsv.Utf8(Result));

    // Plotly adds the extension itself.
    private Task PngAsync() => _plotly?.DownloadPngAsync(Path.GetFileNameWithoutExtension(ExportName.For(Spec, "png"))) ?? Task.CompletedTask;

    public static string MarkText(ChartMark mark) => string.Join(", ", mark.Values.Select(v => $"{v.Field} = {ValueText.Format(v.Value)}"));

    public static string DefaultTitle(ChartSpec spec)
    {
        var measures = spec.Measures.Count == 0 ? "count"
            : string.Join(", ", spec.Measures.Select(m =>
                ChartVocabulary.Word(ChartVocabulary.Aggregations, m.Agg) + (m.Field is null ? "" : $"({m.Field})")));
        if (spec.Type == ChartType.Table) return spec.Source.Dataset;
        if (spec.X is null) return measures;
        return measures + " by " + spec.X.Field + (spec.Group is null ? "" : " and " + spec.Group);
    }
}
