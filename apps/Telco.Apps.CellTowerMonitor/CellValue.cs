using System.Globalization;
using System.Text.Json;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// Reads a row's values whatever CLR type the store or the wire gave them (long, double, decimal, text, JSON): the
/// contract types values as <c>object?</c>, so the app accepts any reasonable form rather than trust one.
/// </summary>
public static class CellValue
{
    public static double? Number(object? value) => value switch
    {
        null => null,
        double d => Finite(d),
        float f => Finite(f),
        bool b => b ? 1 : 0,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Finite(d) : null,
        JsonElement { ValueKind: JsonValueKind.Number } e => Finite(e.GetDouble()),
        JsonElement { ValueKind: JsonValueKind.String } e => Number(e.GetString()),
        JsonElement { ValueKind: JsonValueKind.True } => 1,
        JsonElement { ValueKind: JsonValueKind.False } => 0,
        IConvertible c when c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal => Convert.ToDouble(c, CultureInfo.InvariantCulture),
        _ => null,
    };

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A 0/1 label: null when missing or unreadable, so it stays out of observed rates rather than count as "no failure".</summary>
    public static bool? Flag(object? value) => Number(value) is { } n ? n >= 0.5 : null;

    private static double? Finite(double d) => double.IsFinite(d) ? d : null;
}
