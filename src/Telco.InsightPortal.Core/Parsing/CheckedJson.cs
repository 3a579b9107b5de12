using System.Text.Json;

namespace Telco.InsightPortal.Core.Parsing;

/// <summary>
/// Checked readers for a user's JSON document: each refusal names the JSON path (<c>steps[2].parameters.rows</c>) and
/// goes through <paramref name="fail"/>, so every document type keeps its own exception and wording. Unknown and
/// repeated properties are refused, so a typo is not silently dropped.
/// </summary>
public sealed class CheckedJson(Func<string, string, Exception> fail)
{
    public Exception Fail(string path, string problem) => fail(path, problem);

    public Dictionary<string, JsonElement> Properties(JsonElement e, string path, IReadOnlyCollection<string> allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw fail(path, "an object is expected.");
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            var where = Child(path, Shorten(property.Name));
            if (!allowed.Contains(property.Name)) throw fail(where, "unknown property.");
            if (!found.TryAdd(property.Name, property.Value)) throw fail(where, "the property appears twice.");
        }
        return found;
    }

    public JsonElement Require(Dictionary<string, JsonElement> p, string name, string path) =>
        p.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : throw fail(Child(path, name), "a value is required.");

    public IReadOnlyList<JsonElement> Items(Dictionary<string, JsonElement> p, string name, string path, int max)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return [];
        if (e.ValueKind != JsonValueKind.Array) throw fail(Child(path, name), "an array is expected.");
        if (e.GetArrayLength() > max) throw fail(Child(path, name), $"at most {max} are allowed.");
        return e.EnumerateArray().ToList();
    }

    public string String(JsonElement e, string path, int max)
    {
        if (e.ValueKind != JsonValueKind.String) throw fail(path, "a string is expected.");
        var text = e.GetString()!;
        if (text.Length > max) throw fail(path, $"longer than {max} characters.");
        return StoredText.Problem(text) is { } problem ? throw fail(path, problem) : text;
    }

    public string? OptionalString(Dictionary<string, JsonElement> p, string name, string path, int max) =>
        p.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? String(e, Child(path, name), max) : null;

    public int Int(Dictionary<string, JsonElement> p, string name, string path, int min, int max, int fallback)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n >= min && n <= max
            ? n : throw fail(Child(path, name), $"a whole number from {min} to {max} is expected.");
    }

    public bool Bool(Dictionary<string, JsonElement> p, string name, string path, bool fallback)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return fallback;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw fail(Child(path, name), "true or false is expected."),
        };
    }

    /// <summary>Opens text bounded in size and nesting before any of it is read.</summary>
    public JsonDocument Open(string text, int maxChars, int maxDepth, string what)
    {
        if (text.Length > maxChars) throw fail("$", $"{what} is at most {maxChars / 1024} KiB.");
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            throw fail("$", "not valid JSON (" + e.Message.Split('.')[0] + ").");
        }
    }

    /// <summary>System.Text.Json refuses to read text that is not Unicode (an escaped lone surrogate) as a string.</summary>
    public T Unicode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            throw fail("$", "it holds text that is not valid Unicode.");
        }
    }

    public static string Child(string path, string name) => path == "$" ? name : path + "." + name;

    private static string Shorten(string name) =>
        name.Length == 0 ? "\"\"" : ParseException.Excerpt(name.Length <= 40 ? name : name[..40] + "…", 0);
}
