using System.Globalization;

namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>Turns one CSV text value into the typed value a column stores, or says why it cannot.</summary>
public static class ValueParser
{
    private const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint |
                                           NumberStyles.AllowExponent | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>Returns null on success (with <paramref name="value"/> set, null for a blank), else the reason.</summary>
    public static string? TryParse(DatasetColumn column, string text, IngestLimits limits, out object? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return column.Nullable ? null : $"a value is required (this is the {column.Role.ToString().ToLowerInvariant()} column)";
        switch (column.Type)
        {
            case ColumnType.Integer:
                if (long.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out var l)) { value = l; return null; }
                return text.Contains(',') ? "not an integer (thousands separators are not allowed)" : "not an integer";
            case ColumnType.Real:
                if (double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out var d))
                {
                    if (!double.IsFinite(d)) return "not a finite number (NaN and Infinity are not stored; leave the field blank for a missing value)";
                    value = d;
                    return null;
                }
                if (text.Contains(',') && double.TryParse(text.Replace(',', '.'), RealStyle, CultureInfo.InvariantCulture, out _))
                    return "decimal comma is not supported; use '.' as the decimal point";
                return "not a number";
            case ColumnType.Timestamp:
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var t))
                {
                    value = t.ToUniversalTime();
                    return null;
                }
                return "not an ISO 8601 date and time";
            default:
                var max = column.Role == ColumnRole.Id ? limits.MaxIdLength : limits.MaxTextLength;
                if (text.Length > max) return $"longer than {max:N0} characters";
                value = text;
                return null;
        }
    }
}
