namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// The search's answer for one customer: their probability as they are, the chosen offer set (null when
/// <see cref="Outcome"/> is <see cref="RetentionOutcome.NotAtRisk"/> or <see cref="RetentionOutcome.NoOfferHelps"/>),
/// and every candidate scored, cheapest first.
/// </summary>
public sealed record RetentionResult(
    double OriginalProbability,
    double Threshold,
    double ValueOfSaving,
    RetentionOutcome Outcome,
    ScoredCandidate? Chosen,
    IReadOnlyList<ScoredCandidate> Candidates);
