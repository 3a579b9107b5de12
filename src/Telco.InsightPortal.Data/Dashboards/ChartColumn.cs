using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>One column of a chart's answer. <see cref="Role"/> is "x", "group", "measure", "field" (a table's
/// column) or "previous" (a KPI's measure over the period it is compared with, after the measures, in their order); <see cref="Type"/> says how its values were read (long, double, string or a UTC DateTimeOffset).</summary>
public sealed record ChartColumn(string Name, string Role, ColumnType Type)
{
    public const string X = "x";
    public const string Group = "group";
    public const string Measure = "measure";
    public const string Field = "field";
    public const string Previous = "previous";
}
