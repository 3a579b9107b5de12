namespace Telco.Apps.ChurnExplorer;

/// <summary>A retention offer: its name, what it costs the company per customer (≥ 0, in the decision's currency) and
/// the changes it makes to the customer's row, at most one per column.</summary>
public sealed record RetentionOffer(string Name, double Cost, IReadOnlyList<OfferChange> Changes)
{
    /// <summary>True when the two offers change a column in common, so a customer cannot take both.</summary>
    public bool ConflictsWith(RetentionOffer other) =>
        Changes.Any(c => other.Changes.Any(o => string.Equals(c.Column, o.Column, StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when at least one of the changes does something for this customer. A column the row lacks (one the
    /// deployment's model does not take) cannot be changed: adding it would send the model an input it never saw.</summary>
    public bool AppliesTo(IReadOnlyDictionary<string, object?> row) =>
        Changes.Any(c => row.TryGetValue(c.Column, out var current) && c.TryApply(current, out _));

    /// <summary>Writes the changes that do something into <paramref name="row"/>; the others (a service the customer
    /// does not have, a column the row lacks) are left alone.</summary>
    public void ApplyTo(IDictionary<string, object?> row)
    {
        foreach (var change in Changes)
            if (row.TryGetValue(change.Column, out var current) && change.TryApply(current, out var value))
                row[change.Column] = value;
    }

    public override string ToString() => Name;
}
