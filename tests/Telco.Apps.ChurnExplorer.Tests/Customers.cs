namespace Telco.Apps.ChurnExplorer.Tests;

/// <summary>Telco rows for tests: a typical at-risk customer, and random ones covering every level the offers touch.</summary>
internal static class Customers
{
    public static Dictionary<string, object?> AtRisk() => new()
    {
        ["customerID"] = "7590-VHVEG",
        ["tenure"] = 2L,
        ["Contract"] = "Month-to-month",
        ["PaymentMethod"] = "Electronic check",
        ["InternetService"] = "Fiber optic",
        ["TechSupport"] = "No",
        ["OnlineSecurity"] = "No",
        ["MonthlyCharges"] = 95.0,
        ["TotalCharges"] = 190.0,
    };

    public static Dictionary<string, object?> Random(Random random)
    {
        var internet = Pick(random, "DSL", "Fiber optic", "No");
        string Service() => internet == "No" ? "No internet service" : Pick(random, "Yes", "No");
        return new Dictionary<string, object?>
        {
            ["customerID"] = $"{random.Next(10000):0000}-ABCDE",
            ["tenure"] = (long)random.Next(0, 73),
            ["Contract"] = Pick(random, "Month-to-month", "One year", "Two year"),
            ["PaymentMethod"] = Pick(random, "Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"),
            ["InternetService"] = internet,
            ["TechSupport"] = Service(),
            ["OnlineSecurity"] = Service(),
            ["MonthlyCharges"] = Math.Round(18 + random.NextDouble() * 100, 2),
            ["TotalCharges"] = Math.Round(random.NextDouble() * 8000, 2),
        };
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
