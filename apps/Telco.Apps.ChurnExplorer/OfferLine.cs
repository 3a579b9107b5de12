using System.Globalization;

namespace Telco.Apps.ChurnExplorer;

/// <summary>One line of an offer catalog: <c>name | cost | change; change</c>.</summary>
internal static class OfferLine
{
    public const int MaxNameLength = 80;
    public const double MaxCost = 1_000_000;

    public static RetentionOffer Parse(string line, int number)
    {
        var parts = line.Split('|');
        if (parts.Length != 3)
            throw new OfferCatalogException(number, "an offer is written \"name | cost | change; change\", with exactly two '|'.");
        var name = parts[0].Trim();
        if (name.Length == 0) throw new OfferCatalogException(number, "the offer has no name.");
        if (name.Length > MaxNameLength) throw new OfferCatalogException(number, $"the name is longer than {MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw new OfferCatalogException(number, "the name contains a control character.");
        var changes = Changes(parts[2], number);
        return new RetentionOffer(name, Cost(parts[1].Trim(), number), changes);
    }

    private static double Cost(string text, int number)
    {
        if (text.Length == 0) throw new OfferCatalogException(number, "the offer has no cost.");
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost)
            || !double.IsFinite(cost)) // NaN and Infinity parse whatever the styles
            throw new OfferCatalogException(number, $"the cost \"{text}\" is not a number (write 120 or 49.50).");
        if (cost < 0) throw new OfferCatalogException(number, "the cost must not be negative.");
        if (cost > MaxCost) throw new OfferCatalogException(number, $"the cost is more than {MaxCost:N0}.");
        return cost;
    }

    private static List<OfferChange> Changes(string text, int number)
    {
        var changes = new List<OfferChange>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var change = Change(part, number);
            if (changes.Any(c => string.Equals(c.Column, change.Column, StringComparison.OrdinalIgnoreCase)))
                throw new OfferCatalogException(number, $"the offer changes {change.Column} twice.");
            changes.Add(change);
        }
        if (changes.Count == 0) throw new OfferCatalogException(number, "the offer changes nothing (write Column=value or Column*=factor).");
        return changes;
    }

    private static OfferChange Change(string text, int number)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new OfferCatalogException(number, $"\"{text}\" is not a change (write Column=value or Column*=factor).");
        var multiply = text[equals - 1] == '*';
        var column = text[..(multiply ? equals - 1 : equals)].Trim();
        var value = text[(equals + 1)..].Trim();
        if (!IsColumnName(column)) throw new OfferCatalogException(number, $"\"{column}\" is not a column name.");
        if (OfferCatalog.Unchangeable.Contains(column)) throw new OfferCatalogException(number, $"no offer can change {column}.");
        if (value.Length == 0) throw new OfferCatalogException(number, $"the change of {column} has no value.");
        if (value.Any(char.IsControl)) throw new OfferCatalogException(number, $"the value of {column} contains a control character.");
        if (!multiply) return OfferChange.Set(column, value);
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor) || !double.IsFinite(factor) || factor > 100)
            throw new OfferCatalogException(number, $"the factor of {column} must be a number from 0 to 100 (0.9 takes 10% off).");
        return OfferChange.Multiply(column, factor);
    }

    private static bool IsColumnName(string text) =>
        text.Length is > 0 and <= 64 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
