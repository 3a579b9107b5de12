namespace Telco.Apps.ChurnExplorer;

/// <summary>A candidate with the model's churn probability after the offers, and its expected value:
/// (original probability − <see cref="Probability"/>) × value of saving a churner − cost.</summary>
public sealed record ScoredCandidate(RetentionCandidate Candidate, double Probability, double ExpectedValue)
{
    public IReadOnlyList<RetentionOffer> Offers => Candidate.Offers;

    public double Cost => Candidate.Cost;
}
