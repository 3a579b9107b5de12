using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Reads a chart spec from JSON text within <see cref="ChartSpecLimits"/>: the size before anything is parsed, the
/// depth while the document is read (System.Text.Json stops at <see cref="ChartSpecLimits.MaxDepth"/>, so no spec can
/// nest its way into a stack overflow), then every property by name. Unknown or repeated properties, wrong kinds and
/// words outside the vocabulary are refused with a <see cref="ChartSpecException"/> naming the JSON path; nothing
/// else escapes.
/// </summary>
public static class ChartSpecParser
{
    private static readonly string[] RootProperties = ["version", "source", "type", "x", "measures", "group", "filters", "sort", "limit", "title", "compare"];
    private static readonly string[] SourceProperties = ["kind", "dataset", "snapshot", "deployment", "experiment"];
    private static readonly string[] XProperties = ["field", "bin"];
    private static readonly string[] BinProperties = ["width", "unit"];
    private static readonly string[] MeasureProperties = ["field", "agg"];
    private static readonly string[] FilterProperties = ["field", "op", "value", "values", "min", "max", "unit"];
    private static readonly string[] CompareProperties = ["previous", "unit"];
    private static readonly string[] SortProperties = ["by", "desc"];

    public static ChartSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Counted before parsing: a character is at least one UTF-8 byte, so the length alone refuses the huge.
        if (text.Length > ChartSpecLimits.MaxBytes || Encoding.UTF8.GetByteCount(text) > ChartSpecLimits.MaxBytes)
            throw new ChartSpecException("$", $"the spec is larger than {ChartSpecLimits.MaxBytes:N0} bytes.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ChartSpecLimits.MaxDepth });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            var what = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"it nests deeper than {ChartSpecLimits.MaxDepth} levels"
                : "it is not valid JSON";
            throw new ChartSpecException("$", what + where + ".");
        }
        using (document)
        {
            try
            {
                return Root(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to read text that is not Unicode (an escaped lone surrogate) as a string.
                throw new ChartSpecException("$", "it holds text that is not valid Unicode.");
            }
        }
    }

    private static ChartSpec Root(JsonElement root)
    {
        var p = Properties(root, "$", RootProperties);
        var version = Require(p, "version", "$");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != ChartSpec.CurrentVersion)
            throw new ChartSpecException("version", $"only version {ChartSpec.CurrentVersion} is understood.");
        var source = Source(Require(p, "source", "$"));
        var type = Word(Require(p, "type", "$"), "type", ChartVocabulary.Types);
        var x = p.TryGetValue("x", out var xe) && xe.ValueKind != JsonValueKind.Null ? X(xe) : null;
        var measures = Array(p, "measures", ChartSpecLimits.MaxMeasures, Measure);
        var group = p.TryGetValue("group", out var ge) && ge.ValueKind != JsonValueKind.Null ? Field(ge, "group") : null;
        var filters = Array(p, "filters", ChartSpecLimits.MaxFilters, Filter);
        var sort = p.TryGetValue("sort", out var se) && se.ValueKind != JsonValueKind.Null ? Sort(se) : null;
        int? limit = null;
        if (p.TryGetValue("limit", out var le) && le.ValueKind != JsonValueKind.Null)
        {
            if (le.ValueKind != JsonValueKind.Number || !le.TryGetInt32(out var l) || l < 1 || l > ChartSpecLimits.MaxLimit)
                throw new ChartSpecException("limit", $"a whole number from 1 to {ChartSpecLimits.MaxLimit:N0} is expected.");
            limit = l;
        }
        var compare = p.TryGetValue("compare", out var ce) && ce.ValueKind != JsonValueKind.Null ? Compare(ce) : null;
        return new ChartSpec(source, type, x, measures, group, filters, sort, limit, OptionalString(p, "title"), compare);
    }

    private static ChartCompare Compare(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
            return String(e, "compare") == ChartCompare.PreviousSnapshotWord
                ? ChartCompare.Snapshot()
                : throw new ChartSpecException("compare", $"\"{ChartCompare.PreviousSnapshotWord}\" or {{\"previous\":30,\"unit\":\"day\"}} is expected.");
        var p = Properties(e, "compare", CompareProperties);
        var previous = Count(Require(p, "previous", "compare"), "compare.previous");
        return ChartCompare.Period(previous, Word(Require(p, "unit", "compare"), "compare.unit", ChartVocabulary.Units));
    }

    private static int Count(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n is >= 1 and <= ChartPeriod.MaxCount
            ? n
            : throw new ChartSpecException(path, $"a whole number from 1 to {ChartPeriod.MaxCount} is expected.");

    private static ChartSource Source(JsonElement e)
    {
        var p = Properties(e, "source", SourceProperties);
        // A source without a kind is a snapshot, as every spec was before there were other kinds.
        var kind = p.TryGetValue("kind", out var k) && k.ValueKind != JsonValueKind.Null
            ? Word(k, "source.kind", ChartVocabulary.SourceKinds)
            : ChartSourceKind.Snapshot;
        string[] wanted = kind switch
        {
            ChartSourceKind.Predictions => ["deployment"],
            ChartSourceKind.Runs => ["experiment"],
            _ => ["dataset", "snapshot"],
        };
        foreach (var name in p.Keys)
            if (name != "kind" && !wanted.Contains(name))
                throw new ChartSpecException("source." + name, $"a {ChartVocabulary.Word(ChartVocabulary.SourceKinds, kind)} source takes no \"{name}\".");
        switch (kind)
        {
            case ChartSourceKind.Predictions:
                return ChartSource.Predictions(Name(Require(p, "deployment", "source"), "source.deployment"));
            case ChartSourceKind.Runs:
                return ChartSource.Runs(Name(Require(p, "experiment", "source"), "source.experiment"));
        }
        var dataset = Name(Require(p, "dataset", "source"), "source.dataset");
        long? snapshot = null;
        if (p.TryGetValue("snapshot", out var s))
        {
            if (s.ValueKind == JsonValueKind.String && s.GetString() == ChartSource.Latest) snapshot = null;
            else if (s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var id) && id > 0) snapshot = id;
            else throw new ChartSpecException("source.snapshot", $"a snapshot id or \"{ChartSource.Latest}\" is expected.");
        }
        return new ChartSource(dataset, snapshot);
    }

    private static string Name(JsonElement e, string path)
    {
        var name = String(e, path);
        return name.Length > 0 ? name : throw new ChartSpecException(path, "a name is required.");
    }

    private static ChartX X(JsonElement e)
    {
        var p = Properties(e, "x", XProperties);
        var field = Field(Require(p, "field", "x"), "x.field");
        ChartBin? bin = null;
        if (p.TryGetValue("bin", out var b) && b.ValueKind != JsonValueKind.Null)
        {
            var bp = Properties(b, "x.bin", BinProperties);
            if (bp.Count != 1) throw new ChartSpecException("x.bin", "give either \"width\" (numbers) or \"unit\" (timestamps).");
            if (bp.TryGetValue("width", out var w))
            {
                if (w.ValueKind != JsonValueKind.Number || !w.TryGetDouble(out var width) || !double.IsFinite(width) || width <= 0)
                    throw new ChartSpecException("x.bin.width", "a positive number is expected.");
                bin = new ChartBin(width, null);
            }
            else bin = new ChartBin(null, Word(bp["unit"], "x.bin.unit", ChartVocabulary.Units));
        }
        return new ChartX(field, bin);
    }

    private static ChartMeasure Measure(JsonElement e, string path)
    {
        var p = Properties(e, path, MeasureProperties);
        var aggElement = Require(p, "agg", path);
        if (aggElement.ValueKind == JsonValueKind.String && aggElement.GetString() is { } word && ChartVocabulary.NotYet.Contains(word))
            throw new ChartSpecException(path + ".agg", $"\"{word}\" is not supported; use one of {string.Join(", ", ChartVocabulary.Aggregations.Keys)}.");
        var agg = Word(aggElement, path + ".agg", ChartVocabulary.Aggregations);
        string? field = null;
        if (p.TryGetValue("field", out var f) && f.ValueKind != JsonValueKind.Null) field = Field(f, path + ".field");
        if (field is null && agg != Aggregation.Count) throw new ChartSpecException(path + ".field", "this aggregation needs a field.");
        return new ChartMeasure(agg, field);
    }

    private static ChartFilter Filter(JsonElement e, string path)
    {
        var p = Properties(e, path, FilterProperties);
        var field = Field(Require(p, "field", path), path + ".field");
        var op = Word(Require(p, "op", path), path + ".op", ChartVocabulary.Ops);
        string[] wanted = op switch
        {
            FilterOp.Eq => ["value"],
            FilterOp.In => ["values"],
            FilterOp.Range => ["min", "max"],
            FilterOp.Last => ["value", "unit"],
            _ => [],
        };
        foreach (var name in p.Keys)
            if (name is not ("field" or "op") && !wanted.Contains(name))
                throw new ChartSpecException($"{path}.{name}", $"a filter with op \"{ChartVocabulary.Word(ChartVocabulary.Ops, op)}\" takes no \"{name}\".");
        switch (op)
        {
            case FilterOp.Eq:
                return new ChartFilter(field, op, Value: Scalar(Require(p, "value", path), path + ".value"));
            case FilterOp.In:
                var list = Require(p, "values", path);
                if (list.ValueKind != JsonValueKind.Array) throw new ChartSpecException(path + ".values", "an array is expected.");
                var count = list.GetArrayLength();
                if (count is 0 or > ChartSpecLimits.MaxValues)
                    throw new ChartSpecException(path + ".values", $"1 to {ChartSpecLimits.MaxValues} values are expected; there are {count}.");
                var values = list.EnumerateArray().Select((v, i) => Scalar(v, $"{path}.values[{i}]")).ToList();
                return new ChartFilter(field, op, Values: values);
            case FilterOp.Range:
                var min = p.TryGetValue("min", out var lo) && lo.ValueKind != JsonValueKind.Null ? Scalar(lo, path + ".min") : null;
                var max = p.TryGetValue("max", out var hi) && hi.ValueKind != JsonValueKind.Null ? Scalar(hi, path + ".max") : null;
                if (min is null && max is null) throw new ChartSpecException(path, "a range needs \"min\", \"max\" or both.");
                return new ChartFilter(field, op, Min: min, Max: max);
            case FilterOp.Last:
                var last = Count(Require(p, "value", path), path + ".value");
                return ChartFilter.Last(field, last, Word(Require(p, "unit", path), path + ".unit", ChartVocabulary.Units));
            default:
                return new ChartFilter(field, op);
        }
    }

    private static ChartSort Sort(JsonElement e)
    {
        var p = Properties(e, "sort", SortProperties);
        var desc = false;
        if (p.TryGetValue("desc", out var d))
        {
            if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new ChartSpecException("sort.desc", "true or false is expected.");
            desc = d.GetBoolean();
        }
        var by = Require(p, "by", "sort");
        if (by.ValueKind == JsonValueKind.Number)
        {
            if (!by.TryGetInt32(out var index) || index < 0 || index >= ChartSpecLimits.MaxMeasures)
                throw new ChartSpecException("sort.by", "a measure index is a whole number from 0.");
            return ChartSort.OfMeasure(index, desc);
        }
        var name = Field(by, "sort.by");
        return name == ChartSort.ByX ? ChartSort.OfX(desc) : ChartSort.OfField(name, desc);
    }

    private static List<T> Array<T>(Dictionary<string, JsonElement> p, string name, int max, Func<JsonElement, string, T> item)
    {
        if (!p.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null) return [];
        if (e.ValueKind != JsonValueKind.Array) throw new ChartSpecException(name, "an array is expected.");
        var count = e.GetArrayLength();
        if (count > max) throw new ChartSpecException(name, $"at most {max} are allowed; there are {count}.");
        return e.EnumerateArray().Select((x, i) => item(x, $"{name}[{i}]")).ToList();
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ChartSpecException(path, "an object is expected.");
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            // The path names the property, quoted when it has no name of its own ("").
            var name = property.Name.Length == 0 ? "\"\"" : Shorten(property.Name);
            var where = path == "$" ? name : path + "." + name;
            if (!allowed.Contains(property.Name)) throw new ChartSpecException(where, "unknown property.");
            if (!found.TryAdd(property.Name, property.Value)) throw new ChartSpecException(where, "the property appears twice.");
        }
        return found;
    }

    private static JsonElement Require(Dictionary<string, JsonElement> p, string name, string path) =>
        p.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new ChartSpecException(path == "$" ? name : path + "." + name, "a value is required.");

    private static T Word<T>(JsonElement e, string path, IReadOnlyDictionary<string, T> table)
    {
        var word = String(e, path);
        return table.TryGetValue(word, out var value)
            ? value
            : throw new ChartSpecException(path, $"'{Shorten(word)}' is not one of {string.Join(", ", table.Keys)}.");
    }

    private static string Field(JsonElement e, string path)
    {
        var name = String(e, path);
        return name.Length > 0 ? name : throw new ChartSpecException(path, "a field name is required.");
    }

    private static string? OptionalString(Dictionary<string, JsonElement> p, string name) =>
        p.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? String(e, name) : null;

    private static string String(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.String) throw new ChartSpecException(path, "a string is expected.");
        var text = e.GetString()!;
        if (text.Length > ChartSpecLimits.MaxString) throw new ChartSpecException(path, $"longer than {ChartSpecLimits.MaxString} characters.");
        // What passes must travel to either store as a parameter.
        return StoredText.Problem(text) is { } problem ? throw new ChartSpecException(path, problem) : text;
    }

    /// <summary>A filter value: a string, or a number kept as long when whole.</summary>
    private static object Scalar(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return String(e, path);
            case JsonValueKind.Number when e.TryGetInt64(out var l):
                return l;
            case JsonValueKind.Number when e.TryGetDouble(out var d) && double.IsFinite(d):
                return d;
            default:
                throw new ChartSpecException(path, "a string or a finite number is expected.");
        }
    }

    private static string Shorten(string text) =>
        ParseException.Excerpt(text.Length <= 40 ? text : text[..40] + "…", 0);
}
