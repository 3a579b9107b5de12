namespace Telco.InsightPortal.Ml;

/// <summary>Fractions of the labelled rows for train, validation and test; each class is split separately.</summary>
public sealed record SplitRatios(double Train = 0.7, double Validation = 0.1, double Test = 0.2)
{
    public static readonly SplitRatios Default = new();

    internal void Validate()
    {
        if (Train <= 0 || Validation < 0 || Test <= 0 || Math.Abs(Train + Validation + Test - 1) > 1e-9)
            throw new TrainingException($"Split ratios must be positive (validation may be 0) and add up to 1; got {Train}/{Validation}/{Test}.");
    }
}
