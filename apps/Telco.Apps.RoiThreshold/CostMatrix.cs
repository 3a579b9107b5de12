namespace Telco.Apps.RoiThreshold;

/// <summary>
/// What each cell of the confusion matrix is worth. Values are gains, costs are non-negative amounts that are
/// subtracted: net value = TP·<see cref="TruePositiveValue"/> + TN·<see cref="TrueNegativeValue"/>
/// − FP·<see cref="FalsePositiveCost"/> − FN·<see cref="FalseNegativeCost"/>.
/// </summary>
public sealed record CostMatrix(double TruePositiveValue, double TrueNegativeValue, double FalsePositiveCost, double FalseNegativeCost)
{
    /// <summary>
    /// A churn-retention default, measured against doing nothing (so predicting no one scores exactly 0):
    /// a true positive is a churner who takes the retention offer and stays, worth their margin minus the offer (500);
    /// a false positive is an offer handed to a customer who would have stayed anyway (100 wasted);
    /// a true negative changes nothing (0). A false negative also costs 0: the missed churner leaves whether or
    /// not the model ran, and their lost margin is already the difference the true-positive value counts; charging
    /// it again as a false-negative cost would count the same customer twice and move the best threshold down.
    /// </summary>
    public static CostMatrix ChurnDefault { get; } = new(TruePositiveValue: 500, TrueNegativeValue: 0, FalsePositiveCost: 100, FalseNegativeCost: 0);

    /// <summary>The first problem with this matrix, naming the field, or null when every entry is a finite non-negative number.</summary>
    public string? Validate() =>
        Check(nameof(TruePositiveValue), TruePositiveValue)
        ?? Check(nameof(TrueNegativeValue), TrueNegativeValue)
        ?? Check(nameof(FalsePositiveCost), FalsePositiveCost)
        ?? Check(nameof(FalseNegativeCost), FalseNegativeCost);

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Validate"/>'s message when the matrix is invalid.</summary>
    public CostMatrix EnsureValid() => Validate() is { } error ? throw new ArgumentException(error) : this;

    // Costs are entered as positive amounts so a negative one is almost always a sign slip; NaN and infinity would
    // turn every net value into NaN or infinity and make "the best threshold" meaningless.
    private static string? Check(string field, double value) =>
        double.IsNaN(value) ? $"{field} is not a number."
        : double.IsInfinity(value) ? $"{field} must be finite, not {value}."
        : value < 0 ? $"{field} must not be negative (got {value}); enter costs as positive amounts, they are subtracted."
        : null;
}
