namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// One chart as data (never SQL): a source, a chart type, an x field, measures, an optional group, filters, sort,
/// limit and title. Field names are only ever looked up in the source's schema; <see cref="ChartSpecValidator"/> checks
/// them, and the query compiler maps them to column ordinals. Read with <see cref="ChartSpecParser"/> and written back
/// with <see cref="ChartSpecWriter"/>, so a saved spec is accepted as is. <see cref="Compare"/> is for KPIs only.
/// </summary>
public sealed record ChartSpec(
    ChartSource Source,
    ChartType Type,
    ChartX? X,
    IReadOnlyList<ChartMeasure> Measures,
    string? Group,
    IReadOnlyList<ChartFilter> Filters,
    ChartSort? Sort,
    int? Limit,
    string? Title,
    ChartCompare? Compare = null)
{
    public const int CurrentVersion = 1;

    public int Version => CurrentVersion;
}
