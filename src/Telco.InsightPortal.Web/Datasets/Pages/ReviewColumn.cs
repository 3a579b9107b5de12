using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Web.Datasets.Pages;

/// <summary>An editable row of the schema review: the user may change type, role, nullability and PII.</summary>
public sealed class ReviewColumn
{
    public int Ordinal { get; init; }
    public string Name { get; init; } = "";
    public ColumnType Type { get; set; }
    public ColumnRole Role { get; set; }
    public bool Nullable { get; set; }
    public bool Pii { get; set; }

    public static ReviewColumn From(DatasetColumn c) =>
        new() { Ordinal = c.Ordinal, Name = c.Name, Type = c.Type, Role = c.Role, Nullable = c.Nullable, Pii = c.Pii };

    public DatasetColumn ToColumn() => new(Ordinal, Name, Type, Role, Nullable, Pii);
}
