using System.Text.Json;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>The checked readers <see cref="DashboardDocumentParser"/> builds on: each names the JSON path it refuses.</summary>
internal static class DashboardJson
{
    internal static readonly CheckedJson Reader = new((path, problem) => new DashboardException(path, problem));

    public static Dictionary<string, JsonElement> Properties(JsonElement e, string path, string[] allowed) => Reader.Properties(e, path, allowed);

    public static JsonElement Require(Dictionary<string, JsonElement> p, string name, string path) => Reader.Require(p, name, path);

    public static IEnumerable<JsonElement> Items(Dictionary<string, JsonElement> p, string name, int max) => Reader.Items(p, name, "$", max);

    public static string String(JsonElement e, string path, int max) => Reader.String(e, path, max);

    public static int Int(Dictionary<string, JsonElement> p, string name, string path, int min, int max, int fallback) =>
        Reader.Int(p, name, path, min, max, fallback);

    public static DashboardFilter Filter(JsonElement e, string path)
    {
        var p = Properties(e, path, ["field", "values"]);
        var field = String(Require(p, "field", path), path + ".field", ChartSpecLimits.MaxString);
        if (field.Length == 0) throw new DashboardException(path + ".field", "a field name is required.");
        var values = Items(p, "values", DashboardLimits.MaxValues).Select((v, i) => Scalar(v, $"{path}.values[{i}]")).ToList();
        if (values.Count == 0) throw new DashboardException(path + ".values", "at least one value is required.");
        return new DashboardFilter(field, values);
    }

    /// <summary>A string, or a number kept as long when whole — as a chart filter value is read.</summary>
    public static object Scalar(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.String => String(e, path, ChartSpecLimits.MaxString),
        JsonValueKind.Number when e.TryGetInt64(out var l) => l,
        JsonValueKind.Number when e.TryGetDouble(out var d) && double.IsFinite(d) => d,
        _ => throw new DashboardException(path, "a string or a finite number is expected."),
    };
}
