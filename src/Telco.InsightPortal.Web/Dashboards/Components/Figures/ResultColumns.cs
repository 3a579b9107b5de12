using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>Where each role sits in a result's columns. "previous" columns (a KPI's comparison values) follow the
/// measures in the same order; a result from before they existed simply has none.</summary>
public sealed record ResultColumns(int? X, int? Group, IReadOnlyList<int> Measures, IReadOnlyList<int> Previous)
{
    public const string PreviousRole = "previous";

    public static ResultColumns Of(ChartResult result)
    {
        int? Find(string role) => result.Columns.Select((c, i) => (c, i)).Where(p => p.c.Role == role).Select(p => (int?)p.i).FirstOrDefault();
        List<int> All(string role) => [.. result.Columns.Select((c, i) => (c, i)).Where(p => p.c.Role == role).Select(p => p.i)];
        return new ResultColumns(Find(ChartColumn.X), Find(ChartColumn.Group), All(ChartColumn.Measure), All(PreviousRole));
    }
}
