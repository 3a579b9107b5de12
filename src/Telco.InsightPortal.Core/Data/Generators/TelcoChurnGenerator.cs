namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>
/// Customers in the exact shape of IBM's Telco Customer Churn sample (same 21 columns, order and category
/// values). Marginals and the main dependencies (contract → tenure, internet and payment method; internet →
/// add-on services; services → monthly charges) follow the public sample. Churn is drawn from a logistic
/// model of contract, tenure, fiber optic, electronic check, monthly charges, senior citizen, paperless
/// billing, security and support services, with a base rate of about 26.5%: learnable, not separable.
/// </summary>
/// <remarks>
/// <see cref="GeneratorRequest.Drift"/> (0 to 1) moves the population towards churn: the month-to-month share
/// of contracts grows (from about 55% to about 77%), the odds of fiber optic internet double, and monthly
/// charges rise by up to 15%. The churn model itself does not change, so churn rises only through the features.
/// </remarks>
public sealed class TelcoChurnGenerator : IDataGenerator
{
    private const string Yes = "Yes";
    private const string No = "No";
    private const string NoInternet = "No internet service";
    private const string NoPhone = "No phone service";
    private const string MonthToMonth = "Month-to-month";
    private const string OneYear = "One year";
    private const string TwoYear = "Two year";
    private const string Dsl = "DSL";
    private const string Fiber = "Fiber optic";
    private const string ElectronicCheck = "Electronic check";

    private static readonly string[] Contracts = [MonthToMonth, OneYear, TwoYear];
    private static readonly string[] PaymentMethods = [ElectronicCheck, "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];
    private static readonly string[] InternetServices = [Dsl, Fiber, No];

    private static readonly double[] ContractShares = [0.547, 0.211, 0.242];
    // Rows by contract; columns follow InternetServices and PaymentMethods.
    private static readonly double[][] InternetByContract = [[0.313, 0.551, 0.136], [0.388, 0.363, 0.249], [0.379, 0.246, 0.375]];
    private static readonly double[][] PaymentByContract = [[0.475, 0.231, 0.158, 0.136], [0.233, 0.227, 0.273, 0.267], [0.098, 0.229, 0.323, 0.350]];
    // Tenure is 1 + 72·u^k: a large k piles month-to-month customers up at short tenures, a small k pushes two-year ones long.
    private static readonly double[] TenureExponent = [2.5, 0.72, 0.32];
    // A fifth of two-year customers have been there since the operator's records begin (tenure 72).
    private static readonly double[] FullTenure = [0.0, 0.01, 0.17];
    // Uptake of OnlineSecurity, OnlineBackup, DeviceProtection, TechSupport, StreamingTV, StreamingMovies for DSL, then fiber.
    private static readonly double[][] AddOnUptake = [[0.49, 0.45, 0.445, 0.49, 0.40, 0.41], [0.27, 0.43, 0.43, 0.28, 0.56, 0.56]];
    // What each add-on adds to the monthly bill, as in the sample.
    private static readonly double[] AddOnPrice = [5, 5, 5, 5, 10, 10];

    private const int SeniorColumn = 2;
    private const int TenureColumn = 5;
    private const int InternetColumn = 8;
    private const int SecurityColumn = 9; // the first of the six add-on columns; TechSupport is the fourth
    private const int ContractColumn = 15;
    private const int PaperlessColumn = 16;
    private const int PaymentColumn = 17;
    private const int MonthlyChargesColumn = 18;
    private const int TotalChargesColumn = 19;
    private const int ChurnColumn = 20;

    private static readonly DatasetSchema TelcoSchema = GeneratorSchemas.Numbered(
        new(0, "customerID", ColumnType.Text, ColumnRole.Id, Nullable: false, Pii: true),
        new(0, "gender", ColumnType.Text),
        new(0, "SeniorCitizen", ColumnType.Integer),
        new(0, "Partner", ColumnType.Text),
        new(0, "Dependents", ColumnType.Text),
        new(0, "tenure", ColumnType.Integer),
        new(0, "PhoneService", ColumnType.Text),
        new(0, "MultipleLines", ColumnType.Text),
        new(0, "InternetService", ColumnType.Text),
        new(0, "OnlineSecurity", ColumnType.Text),
        new(0, "OnlineBackup", ColumnType.Text),
        new(0, "DeviceProtection", ColumnType.Text),
        new(0, "TechSupport", ColumnType.Text),
        new(0, "StreamingTV", ColumnType.Text),
        new(0, "StreamingMovies", ColumnType.Text),
        new(0, "Contract", ColumnType.Text),
        new(0, "PaperlessBilling", ColumnType.Text),
        new(0, "PaymentMethod", ColumnType.Text),
        new(0, "MonthlyCharges", ColumnType.Real),
        new(0, "TotalCharges", ColumnType.Real),
        new(0, "Churn", ColumnType.Text, ColumnRole.Label, Nullable: false));

    public string Name => "telco-churn";

    public string Description =>
        "Telecom customers shaped like IBM's Telco Customer Churn sample: demographics, contract, services, charges and whether they left.";

    public DatasetSchema Schema => TelcoSchema;

    public IEnumerable<object?[]> Generate(GeneratorRequest request)
    {
        request.Validate();
        return Rows(request);
    }

    private static IEnumerable<object?[]> Rows(GeneratorRequest request)
    {
        var random = GeneratorRandom.Create(request.Seed, request.Batch);
        var ids = new CustomerIds(request.Seed);
        var contractShares = DriftedContractShares(request.Drift);
        for (var i = 0; i < request.Rows; i++)
            yield return NextRow(random, ids.For(request.Batch, i), contractShares, request.Drift);
    }

    private static double[] DriftedContractShares(double drift)
    {
        var monthToMonth = ContractShares[0] + drift * 0.5 * (1 - ContractShares[0]);
        var others = (1 - monthToMonth) / (1 - ContractShares[0]);
        return [monthToMonth, ContractShares[1] * others, ContractShares[2] * others];
    }

    private static object?[] NextRow(Random random, string customerId, double[] contractShares, double drift)
    {
        var row = new object?[TelcoSchema.Columns.Count];
        row[0] = customerId;
        row[1] = random.Chance(0.505) ? "Male" : "Female";
        var senior = random.Chance(0.163);
        row[SeniorColumn] = senior ? 1L : 0L;
        var partner = random.Chance(0.48);
        row[3] = partner ? Yes : No;
        row[4] = random.Chance(partner ? 0.51 : 0.10) ? Yes : No;

        var contract = random.Pick(contractShares);
        // The sample has a handful of brand-new customers who have not been billed yet (tenure 0, blank TotalCharges).
        var tenure = random.NextDouble() switch
        {
            < 0.002 => 0,
            var u when u < 0.002 + FullTenure[contract] => 72,
            _ => Math.Min(72, 1 + (int)(72 * Math.Pow(random.NextDouble(), TenureExponent[contract]))),
        };
        row[TenureColumn] = (long)tenure;
        var longevity = tenure / 72.0 - 0.45;

        Span<double> internetWeights = stackalloc double[InternetServices.Length];
        InternetByContract[contract].CopyTo(internetWeights);
        internetWeights[1] *= (senior ? 3.0 : 0.85) * (1 + drift);
        var internet = random.Pick(internetWeights);
        var hasInternet = internet != 2;
        // In the sample every customer without phone service has DSL.
        var phone = internet != 0 || random.Chance(0.716);
        row[6] = phone ? Yes : No;
        var multipleLines = phone && random.Chance(0.30 + 0.35 * (tenure / 72.0));
        row[7] = phone ? multipleLines ? Yes : No : NoPhone;
        row[InternetColumn] = InternetServices[internet];

        var bill = (phone ? 20.0 : 0) + (multipleLines ? 5.0 : 0) + internet switch { 0 => 25.0, 1 => 50.0, _ => 0 };
        for (var a = 0; a < AddOnPrice.Length; a++)
        {
            if (!hasInternet)
            {
                row[SecurityColumn + a] = NoInternet;
                continue;
            }
            var taken = random.Chance(Math.Clamp(AddOnUptake[internet][a] + 0.35 * longevity, 0.02, 0.98));
            row[SecurityColumn + a] = taken ? Yes : No;
            if (taken) bill += AddOnPrice[a];
        }

        row[ContractColumn] = Contracts[contract];
        row[PaperlessColumn] = random.Chance(internet switch { 0 => 0.55, 1 => 0.75, _ => 0.30 }) ? Yes : No;
        row[PaymentColumn] = PaymentMethods[random.Pick(PaymentByContract[contract])];

        var monthly = Math.Max(18.0, (bill + random.Gaussian()) * (1 + 0.15 * drift));
        monthly = Math.Round(monthly * 20) / 20;
        row[MonthlyChargesColumn] = monthly;
        // Past bills were not all at today's price, hence the spread around tenure × monthly.
        var spread = Math.Clamp(1 + 0.05 * random.Gaussian(), 0.8, 1.25);
        row[TotalChargesColumn] = tenure switch
        {
            0 => null,
            1 => monthly,
            _ => Math.Round(tenure * monthly * spread, 2),
        };

        row[ChurnColumn] = random.Chance(ChurnProbability(row)) ? Yes : No;
        return row;
    }

    /// <summary>The probability of churn the generator draws the label from: the best any model can learn.</summary>
    internal static double ChurnProbability(object?[] row)
    {
        var contract = (string)row[ContractColumn]!;
        var internet = (string)row[InternetColumn]!;
        // Coefficients of a logistic regression fitted to the public sample; the intercept is set for a ~26.5% base rate.
        var z = 0.66
                - (contract == OneYear ? 0.672 : 0)
                - (contract == TwoYear ? 1.581 : 0)
                - 0.648 * Math.Log(1 + (long)row[TenureColumn]!)
                + (internet == Fiber ? 0.597 : 0)
                - (internet == No ? 0.882 : 0)
                + ((string)row[PaymentColumn]! == ElectronicCheck ? 0.369 : 0)
                + 0.348 * ((double)row[MonthlyChargesColumn]! - 65) / 30
                + 0.207 * (long)row[SeniorColumn]!
                + ((string)row[PaperlessColumn]! == Yes ? 0.389 : 0)
                - ((string)row[SecurityColumn]! == Yes ? 0.466 : 0)
                - ((string)row[SecurityColumn + 3]! == Yes ? 0.353 : 0);
        return GeneratorRandom.Logistic(z);
    }
}
