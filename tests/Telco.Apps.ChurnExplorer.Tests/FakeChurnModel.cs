namespace Telco.Apps.ChurnExplorer.Tests;

/// <summary>
/// A deterministic churn model: a logistic function of the row, shaped like the real one (month-to-month, electronic
/// checks, no support and high charges raise the risk). It is the function the search optimises, not a stand-in for
/// a component; it counts its calls so tests can hold the search to one scoring call.
/// </summary>
internal sealed class FakeChurnModel
{
    public int Calls { get; private set; }
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> LastRows { get; private set; } = [];

    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct)
    {
        Calls++;
        LastRows = rows;
        return Task.FromResult<IReadOnlyList<double>>([.. rows.Select(Probability)]);
    }

    public static double Probability(IReadOnlyDictionary<string, object?> row)
    {
        var logit = 0.8
                    + (row.GetValueOrDefault("Contract") switch { "One year" => -1.3, "Two year" => -2.6, _ => 0.0 })
                    + (row.GetValueOrDefault("PaymentMethod") is "Electronic check" ? 0.5 : 0)
                    + (row.GetValueOrDefault("TechSupport") is "Yes" ? -0.45 : 0)
                    + (row.GetValueOrDefault("OnlineSecurity") is "Yes" ? -0.5 : 0)
                    + 0.02 * (Convert.ToDouble(row.GetValueOrDefault("MonthlyCharges") ?? 70.0) - 70)
                    - 0.03 * Convert.ToDouble(row.GetValueOrDefault("tenure") ?? 0L)
                    // Extra columns let tests build catalogs of many independent offers.
                    - 0.15 * row.Count(kv => kv.Key.StartsWith("Extra", StringComparison.Ordinal) && kv.Value is "Yes");
        return 1 / (1 + Math.Exp(-logit));
    }
}
