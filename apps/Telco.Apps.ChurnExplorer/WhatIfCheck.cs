using System.Globalization;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Checks what-if edits against what the model takes: a value it cannot take (a negative charge, text for a number, a
/// level training never saw) is refused; a number outside the range training saw is flagged, since the model only
/// extrapolates there.
/// </summary>
public static class WhatIfCheck
{
    /// <summary>One check per edited field, in the order given.</summary>
    public static IReadOnlyList<FieldCheck> Check(IReadOnlyList<AppInputHint> hints, IReadOnlyDictionary<string, object?> edits) =>
        [.. edits.Select(e => Field(hints.FirstOrDefault(h => h.Name == e.Key), e.Key, e.Value))];

    /// <summary>The check of one field; <paramref name="hint"/> is null when the deployment says nothing about it.</summary>
    public static FieldCheck Field(AppInputHint? hint, string column, object? value)
    {
        var numeric = hint?.Type is "integer" or "real" || TelcoColumns.NonNegative.Contains(column);
        return numeric ? Number(hint, column, value) : Text(hint, column, value);
    }

    private static FieldCheck Number(AppInputHint? hint, string column, object? value)
    {
        var number = OfferChange.AsNumber(value)
                     ?? (value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);
        if (number is not { } n || !double.IsFinite(n)) return Refused(column, $"{column} must be a number.");
        if (n < 0 && (TelcoColumns.NonNegative.Contains(column) || hint?.Min >= 0)) return Refused(column, $"{column} cannot be negative.");
        if (hint?.Type == "integer" && n != Math.Floor(n)) return Refused(column, $"{column} must be a whole number.");
        if (n < hint?.Min || n > hint?.Max)
            return new FieldCheck(column, FieldStatus.Flagged,
                $"{column} {Show(n)} is outside what the model was trained on ({Show(hint.Min)} to {Show(hint.Max)}); its score is less reliable there.");
        return FieldCheck.Fine(column);
    }

    private static FieldCheck Text(AppInputHint? hint, string column, object? value)
    {
        if (hint?.Levels is not { Count: > 0 } levels) return FieldCheck.Fine(column);
        return value is string s && levels.Contains(s, StringComparer.Ordinal)
            ? FieldCheck.Fine(column)
            : Refused(column, $"{column} must be one of: {string.Join(", ", levels)}.");
    }

    private static FieldCheck Refused(string column, string message) => new(column, FieldStatus.Refused, message);

    private static string Show(double? n) => n is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–";
}
