using System.Globalization;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>The same rows in each of MLflow's scoring payloads; with <c>ids</c>, the id columns (customerID) too.</summary>
public static class Payloads
{
    public static IReadOnlyList<DatasetColumn> Features(DatasetSchema schema, bool ids = false) =>
        [.. schema.Columns.Where(c => c.Role == ColumnRole.Feature || (ids && c.Role == ColumnRole.Id))];

    public static string DataframeSplit(DatasetSchema schema, IEnumerable<object?[]> rows, bool ids = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["dataframe_split"] = new { columns = Features(schema, ids).Select(c => c.Name), data = rows.Select(r => Features(schema, ids).Select(c => r[c.Ordinal])) },
    });

    public static string Records(string key, DatasetSchema schema, IEnumerable<object?[]> rows, bool ids = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        [key] = rows.Select(r => Features(schema, ids).ToDictionary(c => c.Name, c => r[c.Ordinal])),
    });

    /// <summary><c>{"instances": [[…], …]}</c>: rows of the feature columns in signature order, without names.</summary>
    public static string InstanceRows(DatasetSchema schema, IEnumerable<object?[]> rows) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["instances"] = rows.Select(r => Features(schema).Select(c => r[c.Ordinal])),
    });

    public static string InputsColumnar(DatasetSchema schema, IReadOnlyList<object?[]> rows, bool ids = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["inputs"] = Features(schema, ids).ToDictionary(c => c.Name, c => rows.Select(r => r[c.Ordinal])),
    });

    public static string Csv(DatasetSchema schema, IEnumerable<object?[]> rows, bool ids = false)
    {
        var text = new StringBuilder(string.Join(',', Features(schema, ids).Select(c => c.Name))).Append('\n');
        foreach (var r in rows)
            text.Append(string.Join(',', Features(schema, ids).Select(c => Convert.ToString(r[c.Ordinal], CultureInfo.InvariantCulture)))).Append('\n');
        return text.ToString();
    }

    public static double[] Probabilities(string responseJson) =>
        [.. JsonDocument.Parse(responseJson).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble())];
}
