namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>How much a chart spec may hold. A spec is a small document made by the builder; these bound what a
/// hand-written one may cost the parser and the query it compiles to (each filter value is one SQL parameter).</summary>
public static class ChartSpecLimits
{
    public const int MaxBytes = 32 * 1024;
    public const int MaxDepth = 8;
    public const int MaxMeasures = 16;
    public const int MaxFilters = 16;
    public const int MaxValues = 256;
    public const int MaxString = 256;
    public const int MaxLimit = 100_000;
}
