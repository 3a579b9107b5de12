using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>A step's outputs as stored (a JSON object of numbers, booleans and text) and read back for later steps.</summary>
public static class JobOutputs
{
    public static string Write(IReadOnlyDictionary<string, object?> outputs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(name);
                JobDefinitionWriter.Value(w, value);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyDictionary<string, object?> Read(string? text)
    {
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text)) return outputs;
        using var document = JsonDocument.Parse(text);
        foreach (var p in document.RootElement.EnumerateObject())
            outputs[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Number when p.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => p.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => p.Value.GetString(),
                _ => null,
            };
        return outputs;
    }
}
