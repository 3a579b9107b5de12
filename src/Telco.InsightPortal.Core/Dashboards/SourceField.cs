using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>One field a chart source offers the builder: its name as a spec names it, its type, and whether it is
/// personal data (left out of listings for callers who may not see it).</summary>
public sealed record SourceField(string Name, ColumnType Type, bool Pii)
{
    public static SourceField Of(DatasetColumn column) => new(column.Name, column.Type, column.Pii);
}
