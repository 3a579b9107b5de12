using System.Text.Json;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>
/// MLflow's JSON scoring payloads, read with System.Text.Json's document model (no reflection): exactly one of
/// <c>dataframe_split</c> (<c>{"columns":[…],"data":[[…]]}</c>), <c>dataframe_records</c> (<c>[{col: value}]</c>),
/// <c>instances</c> or <c>inputs</c> (a list of records, a list of rows in the model's feature order, or
/// <c>{col: [values]}</c>). Rows come out in schema order, typed as the model expects; id columns come out beside them
/// (<see cref="RowIds"/>).
/// </summary>
public static class JsonPayload
{
    private static readonly string[] Keys = ["dataframe_split", "dataframe_records", "instances", "inputs"];

    public static ScoringRows Read(ReadOnlyMemory<byte> body, InputSchema schema, int maxRows)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new BadRequest($"The body must be a JSON object with one of {string.Join(", ", Keys)}.");
        JsonElement? payload = null;
        string? key = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                if (property.Name == "params") continue; // MLflow's inference params: accepted, nothing here takes any
                throw new BadRequest($"Unknown key '{property.Name}'; the body takes exactly one of {string.Join(", ", Keys)}.");
            }
            if (key is not null) throw new BadRequest($"The body has both '{key}' and '{property.Name}'; send exactly one payload key.");
            key = property.Name;
            payload = property.Value;
        }
        if (payload is not { } value || key is null) throw new BadRequest($"The body has none of {string.Join(", ", Keys)}.");
        var ids = new RowIds(schema.Ids);
        var rows = key switch
        {
            "dataframe_split" => Split(value, schema, maxRows, ids),
            "dataframe_records" => Records(value, schema, maxRows, key, ids),
            _ => value.ValueKind == JsonValueKind.Object ? Columnar(value, schema, maxRows, key, ids) : Instances(value, schema, maxRows, key, ids),
        };
        if (rows.Count == 0) throw new BadRequest("The batch is empty: send at least one row.");
        return new ScoringRows(rows, ids);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 1 << 20)]);
            if (text.Contains("NaN", StringComparison.Ordinal) || text.Contains("Infinity", StringComparison.Ordinal))
                throw new BadRequest("NaN and infinite values are not accepted (JSON has no NaN; send null for a missing value).");
            throw new BadRequest($"Malformed JSON: {e.Message}");
        }
    }

    private static List<object?[]> Split(JsonElement split, InputSchema schema, int maxRows, RowIds ids)
    {
        if (split.ValueKind != JsonValueKind.Object || !split.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
            || !split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new BadRequest("'dataframe_split' must be an object with a 'columns' array and a 'data' array of rows.");
        var names = columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new BadRequest("'columns' must hold column names (strings).")).ToList();
        var bound = schema.Bind(names);
        CheckCount(data.GetArrayLength(), maxRows);
        var rows = new List<object?[]>(data.GetArrayLength());
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != names.Count)
                throw new BadRequest($"Row {rows.Count + 1} of 'data' must be an array of {names.Count} values, one per column.");
            var row = new object?[schema.Width];
            var i = 0;
            foreach (var cell in item.EnumerateArray())
            {
                if (bound[i] is { } column) Put(row, ids, rows.Count, column, cell);
                i++;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static List<object?[]> Records(JsonElement records, InputSchema schema, int maxRows, string key, RowIds ids)
    {
        if (records.ValueKind != JsonValueKind.Array) throw new BadRequest($"'{key}' must be an array of records.");
        CheckCount(records.GetArrayLength(), maxRows);
        var rows = new List<object?[]>(records.GetArrayLength());
        var names = new List<string>();
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object) throw new BadRequest($"Row {rows.Count + 1} of '{key}' must be an object of column: value.");
            names.Clear();
            foreach (var p in record.EnumerateObject()) names.Add(p.Name);
            var bound = schema.Bind(names);
            var row = new object?[schema.Width];
            var i = 0;
            foreach (var p in record.EnumerateObject())
            {
                if (bound[i] is { } column) Put(row, ids, rows.Count, column, p.Value);
                i++;
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A list of records, or a list of rows holding the feature columns in signature order (such rows have no
    /// names, so no ids).</summary>
    private static List<object?[]> Instances(JsonElement instances, InputSchema schema, int maxRows, string key, RowIds ids)
    {
        if (instances.ValueKind != JsonValueKind.Array) throw new BadRequest($"'{key}' must be an array of records or rows, or an object of columns.");
        if (instances.GetArrayLength() == 0 || instances[0].ValueKind == JsonValueKind.Object) return Records(instances, schema, maxRows, key, ids);
        CheckCount(instances.GetArrayLength(), maxRows);
        var rows = new List<object?[]>(instances.GetArrayLength());
        foreach (var item in instances.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != schema.Features.Count)
                throw new BadRequest($"Row {rows.Count + 1} of '{key}' must be an array of {schema.Features.Count} values in the order " +
                                     $"{string.Join(", ", schema.Features.Select(f => f.Name))}.");
            var row = new object?[schema.Width];
            var i = 0;
            foreach (var cell in item.EnumerateArray()) row[schema.Features[i].Ordinal] = Value(schema.Features[i++], cell, rows.Count + 1);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary><c>{"col": [v1, v2], …}</c>: every column the same length.</summary>
    private static List<object?[]> Columnar(JsonElement columns, InputSchema schema, int maxRows, string key, RowIds ids)
    {
        var properties = columns.EnumerateObject().ToList();
        var bound = schema.Bind([.. properties.Select(p => p.Name)]);
        var count = -1;
        foreach (var p in properties)
        {
            if (p.Value.ValueKind != JsonValueKind.Array) throw new BadRequest($"'{key}.{p.Name}' must be an array of values.");
            if (count >= 0 && p.Value.GetArrayLength() != count) throw new BadRequest($"The columns of '{key}' differ in length ('{p.Name}' has {p.Value.GetArrayLength()}, others {count}).");
            count = p.Value.GetArrayLength();
        }
        CheckCount(Math.Max(count, 0), maxRows);
        var rows = Enumerable.Range(0, Math.Max(count, 0)).Select(_ => new object?[schema.Width]).ToList();
        for (var c = 0; c < properties.Count; c++)
        {
            if (bound[c] is not { } column) continue;
            var r = 0;
            foreach (var cell in properties[c].Value.EnumerateArray()) { Put(rows[r], ids, r, column, cell); r++; }
        }
        return rows;
    }

    private static void CheckCount(int count, int maxRows)
    {
        if (count > maxRows) throw new BadRequest($"The batch has {count:N0} rows; at most {maxRows:N0} are accepted per request.");
    }

    /// <summary>A feature's value into the row, an id's beside it. <paramref name="index"/> counts from 0.</summary>
    private static void Put(object?[] row, RowIds ids, int index, DatasetColumn column, JsonElement cell)
    {
        if (InputSchema.IsId(column)) ids.Set(index, column, RowIds.FromJson(column, cell, index + 1));
        else row[column.Ordinal] = Value(column, cell, index + 1);
    }

    private static object? Value(DatasetColumn column, JsonElement cell, int row)
    {
        switch (cell.ValueKind)
        {
            case JsonValueKind.Null:
                return InputSchema.Null(column, row);
            case JsonValueKind.Number when column.Type == ColumnType.Integer:
                if (cell.TryGetInt64(out var l)) return l;
                if (!cell.TryGetDouble(out var d) || !double.IsFinite(d)) throw NotFinite(column, row);
                if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return (long)d;
                throw new BadRequest($"Row {row}, column '{column.Name}' expects an integer, got {cell.GetRawText()}.");
            case JsonValueKind.Number when column.Type == ColumnType.Real:
                return cell.TryGetDouble(out var real) && double.IsFinite(real) ? real : throw NotFinite(column, row);
            case JsonValueKind.String when column.Type is ColumnType.Text or ColumnType.Timestamp:
                var s = cell.GetString();
                return string.IsNullOrWhiteSpace(s) ? InputSchema.Null(column, row) : s;
            case JsonValueKind.String when cell.GetString()!.Trim().ToLowerInvariant() is "nan" or "inf" or "-inf" or "infinity" or "-infinity":
                throw NotFinite(column, row);
            default:
                throw new BadRequest($"Row {row}, column '{column.Name}' expects {InputSchema.Describe(column.Type)}, got {Kind(cell)} {InputSchema.Clip(cell.GetRawText())}.");
        }
    }

    // TryGetDouble refuses numbers beyond double's range (1e400) as it refuses NaN.
    private static BadRequest NotFinite(DatasetColumn column, int row) =>
        new($"Row {row}, column '{column.Name}': NaN and infinite values are not accepted.");

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => e.ValueKind.ToString(),
    };
}
