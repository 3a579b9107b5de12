using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Writes a spec back as the JSON <see cref="ChartSpecParser"/> reads, properties in one fixed order, so the text is
/// also the spec's canonical form: <see cref="Hash"/> of two specs that mean the same query is the same.
/// </summary>
public static class ChartSpecWriter
{
    public static string Write(ChartSpec spec)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", spec.Version);
            WriteSource(w, spec.Source);
            w.WriteString("type", ChartVocabulary.Word(ChartVocabulary.Types, spec.Type));
            if (spec.X is { } x) WriteX(w, x);
            w.WriteStartArray("measures");
            foreach (var m in spec.Measures)
            {
                w.WriteStartObject();
                if (m.Field is not null) w.WriteString("field", m.Field);
                w.WriteString("agg", ChartVocabulary.Word(ChartVocabulary.Aggregations, m.Agg));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (spec.Group is not null) w.WriteString("group", spec.Group);
            w.WriteStartArray("filters");
            foreach (var f in spec.Filters) WriteFilter(w, f);
            w.WriteEndArray();
            if (spec.Sort is { } sort) WriteSort(w, sort);
            if (spec.Limit is { } limit) w.WriteNumber("limit", limit);
            if (spec.Title is not null) w.WriteString("title", spec.Title);
            if (spec.Compare is { } compare) WriteCompare(w, compare);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What a cached result is keyed by, with the snapshot: the canonical text without the title, which
    /// changes nothing in the rows.</summary>
    public static string Hash(ChartSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Write(spec with { Title = null }))));

    /// <summary>A snapshot source is written as it always was (kind, dataset, snapshot), so its hash is unchanged.</summary>
    private static void WriteSource(Utf8JsonWriter w, ChartSource source)
    {
        w.WriteStartObject("source");
        w.WriteString("kind", ChartVocabulary.Word(ChartVocabulary.SourceKinds, source.Kind));
        switch (source.Kind)
        {
            case ChartSourceKind.Predictions:
                w.WriteString("deployment", source.Deployment);
                break;
            case ChartSourceKind.Runs:
                w.WriteString("experiment", source.Experiment);
                break;
            default:
                w.WriteString("dataset", source.Dataset);
                if (source.SnapshotId is { } id) w.WriteNumber("snapshot", id);
                else w.WriteString("snapshot", ChartSource.Latest);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteCompare(Utf8JsonWriter w, ChartCompare compare)
    {
        if (compare.PreviousSnapshot)
        {
            w.WriteString("compare", ChartCompare.PreviousSnapshotWord);
            return;
        }
        w.WriteStartObject("compare");
        w.WriteNumber("previous", compare.Previous ?? 0);
        w.WriteString("unit", ChartVocabulary.Word(ChartVocabulary.Units, compare.Unit ?? TimeUnit.Day));
        w.WriteEndObject();
    }

    private static void WriteX(Utf8JsonWriter w, ChartX x)
    {
        w.WriteStartObject("x");
        w.WriteString("field", x.Field);
        if (x.Bin is { } bin)
        {
            w.WriteStartObject("bin");
            if (bin.Width is { } width) w.WriteNumber("width", width);
            else if (bin.Unit is { } unit) w.WriteString("unit", ChartVocabulary.Word(ChartVocabulary.Units, unit));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteFilter(Utf8JsonWriter w, ChartFilter f)
    {
        w.WriteStartObject();
        w.WriteString("field", f.Field);
        w.WriteString("op", ChartVocabulary.Word(ChartVocabulary.Ops, f.Op));
        if (f.Value is not null) WriteScalar(w, "value", f.Value);
        if (f.Values is not null)
        {
            w.WriteStartArray("values");
            foreach (var v in f.Values) WriteScalar(w, null, v);
            w.WriteEndArray();
        }
        if (f.Min is not null) WriteScalar(w, "min", f.Min);
        if (f.Max is not null) WriteScalar(w, "max", f.Max);
        if (f.Unit is { } unit) w.WriteString("unit", ChartVocabulary.Word(ChartVocabulary.Units, unit));
        w.WriteEndObject();
    }

    private static void WriteSort(Utf8JsonWriter w, ChartSort sort)
    {
        w.WriteStartObject("sort");
        if (sort.Measure is { } index) w.WriteNumber("by", index);
        else w.WriteString("by", sort.X ? ChartSort.ByX : sort.Field);
        w.WriteBoolean("desc", sort.Desc);
        w.WriteEndObject();
    }

    private static void WriteScalar(Utf8JsonWriter w, string? name, object value)
    {
        if (name is not null) w.WritePropertyName(name);
        switch (value)
        {
            case string s: w.WriteStringValue(s); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTimeOffset t: w.WriteStringValue(t); break;
            default: throw new ArgumentException($"A filter value is a string or a number, not {value.GetType().Name}.", nameof(value));
        }
    }
}
