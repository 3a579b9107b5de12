using System.Text.Json;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>A logged prediction's inputs (a JSON object keyed by column) as (name, value) pairs to show. The log holds
/// what serving accepted, so the object is flat and bounded; a value longer than a line is clipped all the same.</summary>
public static class PredictionInputList
{
    public const int MaxValueLength = 200;

    public static IReadOnlyList<(string Name, string Value)> Parse(string inputs)
    {
        try
        {
            using var json = JsonDocument.Parse(inputs, new JsonDocumentOptions { MaxDepth = 4 });
            if (json.RootElement.ValueKind != JsonValueKind.Object) return [];
            return [.. json.RootElement.EnumerateObject().Select(p => (p.Name, Clip(Text(p.Value))))];
        }
        catch (JsonException)
        {
            return [("inputs", Clip(inputs))];
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "—",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string Clip(string text) => text.Length > MaxValueLength ? text[..MaxValueLength] + "…" : text;
}
