using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>Writes a document as <see cref="DashboardDocumentParser.ParseDocument"/> reads it; chart specs are written
/// as the canonical JSON they already are.</summary>
public static class DashboardDocumentWriter
{
    public static string Write(DashboardDocument document)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteBody(w, document);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The document's three arrays, into an object the caller has opened (the API adds id, name, …).</summary>
    public static void WriteBody(Utf8JsonWriter w, DashboardDocument document)
    {
        w.WriteStartArray("charts");
        foreach (var chart in document.Charts)
        {
            w.WriteStartObject();
            w.WriteString("id", chart.Id);
            w.WriteString("title", chart.Title);
            w.WritePropertyName("spec");
            w.WriteRawValue(chart.Spec, skipInputValidation: false);
            WriteLayout(w, chart.Layout);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("texts");
        foreach (var text in document.Texts)
        {
            w.WriteStartObject();
            w.WriteString("id", text.Id);
            w.WriteString("markdown", text.Markdown);
            WriteLayout(w, text.Layout);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("filters");
        foreach (var filter in document.Filters)
        {
            w.WriteStartObject();
            w.WriteString("field", filter.Field);
            w.WriteStartArray("values");
            foreach (var value in filter.Values) WriteScalar(w, value);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteScalar(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case null: w.WriteNullValue(); break;
            default: w.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    private static void WriteLayout(Utf8JsonWriter w, TileLayout layout)
    {
        w.WriteStartObject("layout");
        w.WriteNumber("x", layout.X);
        w.WriteNumber("y", layout.Y);
        w.WriteNumber("w", layout.W);
        w.WriteNumber("h", layout.H);
        w.WriteEndObject();
    }
}
