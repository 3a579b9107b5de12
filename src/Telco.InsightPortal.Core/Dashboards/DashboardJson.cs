using System.Text.Json;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>The checked readers <see cref="DashboardDocumentParser"/> builds on: each names the JSON path it refuses.</summary>
internal static class DashboardJson
{
    public static Dictionary<string, JsonElement> Properties(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new DashboardException(path, "an object is expected.");
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            var where = path == "$" ? Shorten(property.Name) : path + "." + Shorten(property.Name);
            if (!allowed.Contains(property.Name)) throw new DashboardException(where, "unknown property.");
            if (!found.TryAdd(property.Name, property.Value)) throw new DashboardException(where, "the property appears twice.");
        }
        return found;
    }

    public static JsonElement Require(Dictionary<string, JsonElement> p, string name, string path) =>
        p.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new DashboardException(path == "$" ? name : path + "." + name, "a value is required.");

    public static IEnumerable<JsonElement> Items(Dictionary<string, JsonElement> p, string name, int max)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return [];
        if (e.ValueKind != JsonValueKind.Array) throw new DashboardException(name, "an array is expected.");
        if (e.GetArrayLength() > max) throw new DashboardException(name, $"at most {max} are allowed.");
        return e.EnumerateArray().ToList();
    }

    public static string String(JsonElement e, string path, int max)
    {
        if (e.ValueKind != JsonValueKind.String) throw new DashboardException(path, "a string is expected.");
        var text = e.GetString()!;
        if (text.Length > max) throw new DashboardException(path, $"longer than {max} characters.");
        return StoredText.Problem(text) is { } problem ? throw new DashboardException(path, problem) : text;
    }

    public static int Int(Dictionary<string, JsonElement> p, string name, string path, int min, int max, int fallback)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n >= min && n <= max
            ? n : throw new DashboardException(path + "." + name, $"a whole number from {min} to {max} is expected.");
    }

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

    private static string Shorten(string name) =>
        name.Length == 0 ? "\"\"" : ParseException.Excerpt(name.Length <= 40 ? name : name[..40] + "…", 0);
}
