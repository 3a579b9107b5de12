using System.Text.Json;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>
/// The values of the schema's id columns (customerID, device_id) that each row of a request carried. They are echoed
/// in the row's prediction and logged with it, and never reach the model. A row without them still scores. Values are
/// kept as text (an id of digits is a name, not a number) and bounded in length, since the log and searches keep them.
/// </summary>
public sealed class RowIds(IReadOnlyList<DatasetColumn> columns)
{
    public const int MaxLength = DeploymentStore.MaxEntityIdLength;

    private readonly List<string?[]?> _values = [];

    /// <summary>The schema's id columns. The first one's value is the row's entity id: what the log keeps, delayed
    /// labels find and the deployment page searches for.</summary>
    public IReadOnlyList<DatasetColumn> Columns { get; } = columns;

    /// <summary>The row's id values in <see cref="Columns"/> order; null when the row carried none.</summary>
    public string?[]? Of(int row) => row < _values.Count ? _values[row] : null;

    /// <summary>Each row's entity id, or null when no row carried one (most requests: nothing to log).</summary>
    public string?[]? EntityIds(int rows)
    {
        if (_values.TrueForAll(v => v?[0] is null)) return null;
        return [.. Enumerable.Range(0, rows).Select(r => Of(r)?[0])];
    }

    public void Set(int row, DatasetColumn column, string? value)
    {
        if (value is null) return;
        while (_values.Count <= row) _values.Add(null);
        (_values[row] ??= new string?[Columns.Count])[IndexOf(column)] = value;
    }

    /// <summary>Checks an id sent as text (CSV, or a JSON string); blank is no id.</summary>
    public static string? FromText(DatasetColumn column, string? text, int row)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > MaxLength)
            throw new BadRequest($"Row {row}, column '{column.Name}': an id may be at most {MaxLength} characters; this one has {text.Length:N0}.");
        return text;
    }

    /// <summary>An id sent in JSON: a string, or a number kept as written.</summary>
    public static string? FromJson(DatasetColumn column, JsonElement cell, int row) => cell.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => FromText(column, cell.GetString(), row),
        JsonValueKind.Number => FromText(column, cell.GetRawText(), row),
        _ => throw new BadRequest($"Row {row}, column '{column.Name}' is an id: send a string or a number, not {InputSchema.Clip(cell.GetRawText())}."),
    };

    private int IndexOf(DatasetColumn column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Ordinal == column.Ordinal) return i;
        throw new InvalidOperationException($"'{column.Name}' is not an id column.");
    }
}

/// <summary>A request's rows in schema order, as the model takes them (features only), and the ids beside them.</summary>
public sealed record ScoringRows(List<object?[]> Rows, RowIds Ids);
