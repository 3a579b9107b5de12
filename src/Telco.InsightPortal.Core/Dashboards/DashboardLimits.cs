namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>How much a dashboard may hold: bounds what a hand-written document costs the parser, the page (every
/// chart is one query per view) and the store.</summary>
public static class DashboardLimits
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxDepth = ChartSpecLimits.MaxDepth + 4;
    public const int MaxCharts = 24;
    public const int MaxTexts = 12;
    public const int MaxFilters = ChartSpecLimits.MaxFilters;
    public const int MaxValues = ChartSpecLimits.MaxValues;
    public const int MaxName = 100;
    public const int MaxTitle = 200;
    public const int MaxMarkdown = 16 * 1024;
    public const int MaxRows = 200;
    public const int MaxShares = 64;
}
