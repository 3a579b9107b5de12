using System.Globalization;
using System.Text.Json;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>Turns the try-it form's text into one typed row, and a logged request's inputs back into text.</summary>
public static class TryItRow
{
    public static bool IsNumber(ServedInput input) => input.Type is "integer" or "real";

    /// <summary>The field's hint: its type and what training saw of it.</summary>
    public static string Describe(ServedInput input)
    {
        var type = input.Type switch { "integer" => "integer", "real" => "number", _ => "text" };
        var seen = input switch
        {
            { Levels.Count: var n and > 0 } => $", {n} value{(n == 1 ? "" : "s")} in training",
            { FreeText: true } => ", free text (too many values in training to list)",
            { Min: { } min, Max: { } max } => $", {Number(min)} to {Number(max)} in training" + (input.Median is { } m ? $", median {Number(m)}" : ""),
            _ => "",
        };
        return type + seen + (input.Required ? ", required" : "");
    }

    /// <summary>
    /// A typical value to start from: the most frequent level, or the median of a number. The median rather than the
    /// minimum, because the minimum is an edge case (a tenure of 0 is a customer not billed yet, with no TotalCharges);
    /// the median is the customer in the middle. Null when training said nothing about the column.
    /// </summary>
    public static string? Typical(ServedInput input) =>
        input.Levels is { Count: > 0 } levels ? levels[0] : input.Median is { } median ? Number(median) : null;

    /// <summary>Fills the fields still empty with <see cref="Typical"/> values; true when any was filled.</summary>
    public static bool FillTypical(ServedSchema schema, Dictionary<string, string?> values)
    {
        var filled = false;
        foreach (var input in schema.Inputs)
        {
            if (values.GetValueOrDefault(input.Name) is not null || Typical(input) is not { } typical) continue;
            values[input.Name] = typical;
            filled = true;
        }
        return filled;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Null when the row is built; otherwise a message naming the column at fault.</summary>
    public static string? Build(ServedSchema schema, IReadOnlyDictionary<string, string?> values, out IReadOnlyDictionary<string, object?> row)
    {
        var typed = new Dictionary<string, object?>(StringComparer.Ordinal);
        row = typed;
        foreach (var input in schema.Inputs)
        {
            var text = values.GetValueOrDefault(input.Name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (input.Required) return $"'{input.Name}' is required.";
                typed[input.Name] = null;
                continue;
            }
            switch (input.Type)
            {
                case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l): typed[input.Name] = l; break;
                case "real" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d): typed[input.Name] = d; break;
                case "integer": return $"'{input.Name}' must be an integer.";
                case "real": return $"'{input.Name}' must be a finite number.";
                default: typed[input.Name] = text; break;
            }
        }
        return null;
    }

    /// <summary>Fills empty fields from a logged request's inputs (a JSON object keyed by column); true when any was filled.</summary>
    public static bool Prefill(Dictionary<string, string?> values, string inputsJson)
    {
        var filled = false;
        using var json = JsonDocument.Parse(inputsJson);
        if (json.RootElement.ValueKind != JsonValueKind.Object) return false;
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (!values.TryGetValue(property.Name, out var current) || current is not null) continue;
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
            filled |= values[property.Name] is not null;
        }
        return filled;
    }
}
