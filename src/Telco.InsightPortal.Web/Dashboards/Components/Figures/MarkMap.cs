namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>
/// What each drawn point stands for, trace by trace, in the result's own typed values: a click is mapped back through
/// its trace and point index, never through Plotly's text of a value (escaped, date-formatted, abbreviated).
/// </summary>
public sealed record MarkMap(string XField, string? GroupField, IReadOnlyList<TraceMarks> Traces)
{
    public static readonly MarkMap None = new("", null, []);
}

/// <summary>One trace's x values by point index, and its group value when the trace is one group's series. A heatmap's
/// single trace has <see cref="Rows"/> too: its points are indexed [row, column], a row being a group value.</summary>
public sealed record TraceMarks(IReadOnlyList<object?> X, bool Grouped = false, object? Group = null, IReadOnlyList<object?>? Rows = null);
