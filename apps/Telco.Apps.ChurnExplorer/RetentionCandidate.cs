namespace Telco.Apps.ChurnExplorer;

/// <summary>A set of offers that can be made together (no two change the same column), their total cost, and the
/// customer's row as it would be after taking them.</summary>
public sealed record RetentionCandidate(IReadOnlyList<RetentionOffer> Offers, double Cost, IReadOnlyDictionary<string, object?> Row)
{
    public string Names => string.Join(" + ", Offers.Select(o => o.Name));
}
