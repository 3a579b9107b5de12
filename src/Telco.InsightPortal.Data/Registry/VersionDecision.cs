namespace Telco.InsightPortal.Data.Registry;

/// <summary>The decision saved on a model version: act on scores at or above <see cref="Threshold"/>; what each outcome
/// of acting is worth (values and costs ≥ 0, one currency). <see cref="SetAt"/> is epoch milliseconds.</summary>
public sealed record VersionDecision
{
    public double Threshold { get; init; }
    public double TruePositiveValue { get; init; }
    public double TrueNegativeValue { get; init; }
    public double FalsePositiveCost { get; init; }
    public double FalseNegativeCost { get; init; }
    public string SetBy { get; init; } = "";
    public long SetAt { get; init; }
}
