namespace Telco.InsightPortal.Core.Data;

public enum ColumnType { Text, Integer, Real, Timestamp }

public enum ColumnRole { Feature, Id, Label, Timestamp }

/// <summary>One column of a dataset. <see cref="Ordinal"/> is the physical position; the name is only ever
/// compared against the schema, never spliced into SQL.</summary>
public sealed record DatasetColumn(
    int Ordinal,
    string Name,
    ColumnType Type,
    ColumnRole Role = ColumnRole.Feature,
    bool Nullable = true,
    bool Pii = false);

public sealed record DatasetSchema(IReadOnlyList<DatasetColumn> Columns)
{
    public const int MaxColumns = 200;
    public const int MaxNameLength = 128;

    public DatasetColumn? Find(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public DatasetColumn? Label => Columns.FirstOrDefault(c => c.Role == ColumnRole.Label);

    /// <summary>Returns the problems that make this schema unusable, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Columns.Count == 0) problems.Add("A dataset needs at least one column.");
        if (Columns.Count > MaxColumns) problems.Add($"A dataset may have at most {MaxColumns} columns; this one has {Columns.Count}.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            if (c.Ordinal != i) problems.Add($"Column '{c.Name}' has ordinal {c.Ordinal}; expected {i}.");
            if (string.IsNullOrWhiteSpace(c.Name)) problems.Add($"Column {i + 1} has no name.");
            else if (c.Name.Length > MaxNameLength) problems.Add($"Column {i + 1} has a name longer than {MaxNameLength} characters.");
            else if (!seen.Add(c.Name)) problems.Add($"Column name '{c.Name}' appears more than once.");
            if (c.Role == ColumnRole.Timestamp && c.Type != ColumnType.Timestamp)
                problems.Add($"Column '{c.Name}' has role timestamp but type {c.Type}.");
        }
        if (Columns.Count(c => c.Role == ColumnRole.Label) > 1) problems.Add("A dataset may have at most one label column.");
        return problems;
    }
}
