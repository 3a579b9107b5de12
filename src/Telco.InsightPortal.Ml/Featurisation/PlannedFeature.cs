namespace Telco.InsightPortal.Ml.Featurisation;

/// <summary>One data-view column the model uses, and the input columns it is credited to.</summary>
internal sealed record PlannedFeature(string Name, IReadOnlyList<string> Owners, bool IsText, bool IndicateMissing)
{
    public const string MissingSuffix = ":missing";
}
