using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>Details as canonical JSON: camelCase names, object keys in ordinal order, no whitespace,
/// strings escaped by one fixed encoder. The same details always give the same text, and so the same hash.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web);
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    public static string? Canonical(object? details)
    {
        if (details is null) return null;
        var node = details as JsonNode ?? JsonSerializer.SerializeToNode(details, details.GetType(), Serializer);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Writer)) Write(writer, node);
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
