using System.Globalization;

namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// What an offer does to one column of a customer's row: set it (<c>Contract=One year</c>) or multiply a number
/// (<c>MonthlyCharges*=0.9</c>). A set value that reads as a number is kept as one too, so that setting a numeric
/// column gives the model a number and not text.
/// </summary>
public sealed record OfferChange
{
    private OfferChange(string column, string? text, double? number, double? factor)
    {
        Column = column;
        Text = text;
        Number = number;
        Factor = factor;
    }

    public string Column { get; }

    /// <summary>The value set, as written; null for a multiplication.</summary>
    public string? Text { get; }

    /// <summary>The value set, when it reads as a number.</summary>
    public double? Number { get; }

    /// <summary>The factor of a multiplication; null for a set.</summary>
    public double? Factor { get; }

    public static OfferChange Set(string column, string value) =>
        new(column, value, double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null, null);

    public static OfferChange Multiply(string column, double factor) => new(column, null, null, factor);

    /// <summary>The column's new value for a customer whose value is <paramref name="current"/>; false when the change
    /// does nothing for them: the value is already that, the service does not exist for them, or a number is
    /// multiplied that is not there.</summary>
    public bool TryApply(object? current, out object? value)
    {
        value = null;
        if (current is string s && TelcoColumns.NotApplicable.Contains(s)) return false;
        var number = AsNumber(current);
        if (Factor is { } factor)
        {
            if (number is not { } n || n * factor == n) return false;
            value = n * factor;
            return true;
        }
        // A number set on a missing value stays a number: the column is numeric for the model, the text is not.
        if (Number is { } set && (number is not null || current is null))
        {
            value = set;
            return number != set;
        }
        value = Text;
        return !string.Equals(Convert.ToString(current, CultureInfo.InvariantCulture), Text, StringComparison.Ordinal);
    }

    public override string ToString() =>
        Factor is { } f ? $"{Column}*={f.ToString(CultureInfo.InvariantCulture)}" : $"{Column}={Text}";

    internal static double? AsNumber(object? value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        _ => null,
    };
}
