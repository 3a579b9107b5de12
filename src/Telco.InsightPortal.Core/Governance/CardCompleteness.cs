namespace Telco.InsightPortal.Core.Governance;

/// <summary>The parts of a model card, in the order the card shows them.</summary>
public static class CardSections
{
    public const string IntendedUse = "intended use";
    public const string TrainingData = "training data snapshot";
    public const string TestMetrics = "test metrics";
    public const string FeatureImportance = "feature importance";
    public const string SliceMetrics = "slice metrics";
    public const string Decision = "decision threshold and cost matrix";

    public static readonly IReadOnlyList<string> All = [IntendedUse, TrainingData, TestMetrics, FeatureImportance, SliceMetrics, Decision];
}

public sealed record CardSection(string Name, bool Present);

/// <summary>Which sections a version's model card has and which it lacks.</summary>
public sealed record CardCompleteness(IReadOnlyList<CardSection> Sections)
{
    public int Present => Sections.Count(s => s.Present);

    public int Total => Sections.Count;

    public bool Complete => Sections.All(s => s.Present);

    public IReadOnlyList<string> Missing => Sections.Where(s => !s.Present).Select(s => s.Name).ToList();

    /// <summary>The card of a version, from whether each of its sources exists, in <see cref="CardSections.All"/> order.</summary>
    public static CardCompleteness Of(bool intendedUse, bool trainingData, bool testMetrics, bool featureImportance, bool sliceMetrics, bool decision) =>
        new([
            new(CardSections.IntendedUse, intendedUse), new(CardSections.TrainingData, trainingData), new(CardSections.TestMetrics, testMetrics),
            new(CardSections.FeatureImportance, featureImportance), new(CardSections.SliceMetrics, sliceMetrics), new(CardSections.Decision, decision),
        ]);
}
