using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Data;

/// <summary>
/// A feature computed from other columns of the same row. Computed inside the data view rather than in the
/// pipeline so that serving needs nothing but the schema, and so that permuting an input column also
/// permutes what is derived from it. <see cref="Owners"/> are the input columns its contribution to a score is
/// credited to, in equal shares. A name, once shipped, keeps its formula: saved models read these columns by name.
/// </summary>
internal sealed record EngineeredFeature(
    string Name,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Sources,
    bool IsText,
    Func<IRowValues, float>? Number = null,
    Func<IRowValues, string>? Text = null)
{
    /// <summary>The services a customer can hold, as the IBM schema names them; "Yes" means held.</summary>
    private static readonly string[] AddOnServices =
        ["PhoneService", "MultipleLines", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies"];

    /// <summary>The features the IBM-like schema supports; each needs its source columns by name, so other datasets simply get none.</summary>
    public static IReadOnlyList<EngineeredFeature> For(DatasetSchema schema)
    {
        var tenure = NumericFeature(schema, "tenure");
        var total = NumericFeature(schema, "TotalCharges");
        var monthly = NumericFeature(schema, "MonthlyCharges");
        var contract = TextFeature(schema, "Contract");
        var features = new List<EngineeredFeature>();
        if (tenure is not null)
        {
            // Churn falls steeply over the first year and then flattens; buckets and a log let a linear model bend.
            features.Add(new EngineeredFeature($"{tenure.Name}:bucket", [tenure.Name], [tenure.Name], IsText: true,
                Text: row => TenureBucket(row.Read(tenure.Ordinal))));
            features.Add(new EngineeredFeature($"{tenure.Name}:log", [tenure.Name], [tenure.Name], IsText: false,
                Number: row => MathF.Log(1 + Math.Max(row.Read(tenure.Ordinal), 0f))));
        }
        if (tenure is not null && contract is not null)
        {
            // A month-to-month customer in the first months and one on a two-year contract are different risks at the
            // same tenure: the cross gives the linear model a slope per contract, the trees a ready-made split.
            features.Add(new EngineeredFeature($"{contract.Name}:by_tenure", [contract.Name, tenure.Name], [contract.Name, tenure.Name], IsText: true,
                Text: row => row.ReadText(contract.Ordinal) + " / " + TenureBucket(row.Read(tenure.Ordinal))));
        }
        if (monthly is not null)
        {
            features.Add(new EngineeredFeature($"{monthly.Name}:bucket", [monthly.Name], [monthly.Name], IsText: true,
                Text: row => ChargeBucket(row.Read(monthly.Ordinal))));
        }
        if (tenure is not null && total is not null)
        {
            features.Add(new EngineeredFeature($"{total.Name}:per_tenure_month", [total.Name], [total.Name, tenure.Name], IsText: false,
                Number: row => PerMonth(row.Read(total.Ordinal), row.Read(tenure.Ordinal))));
            if (monthly is not null)
            {
                // Current monthly charge against the lifetime average: a recent price rise.
                features.Add(new EngineeredFeature($"{monthly.Name}:above_average", [monthly.Name], [monthly.Name, total.Name, tenure.Name], IsText: false,
                    Number: row => row.Read(monthly.Ordinal) - PerMonth(row.Read(total.Ordinal), row.Read(tenure.Ordinal))));
                // What the customer paid against tenure × today's charge: below 1 after a rise, above 1 after a cut.
                features.Add(new EngineeredFeature($"{total.Name}:vs_expected", [total.Name], [total.Name, tenure.Name, monthly.Name], IsText: false,
                    Number: row => VsExpected(row.Read(total.Ordinal), row.Read(tenure.Ordinal), row.Read(monthly.Ordinal))));
            }
        }
        if (ServiceCount(schema) is { } count) features.Add(count);
        return features;
    }

    /// <summary>How many services the customer holds: each add-on answered "Yes", plus internet of any kind. Needs the
    /// internet column and at least three add-ons.</summary>
    private static EngineeredFeature? ServiceCount(DatasetSchema schema)
    {
        var internet = TextFeature(schema, "InternetService");
        var addOns = AddOnServices.Select(name => TextFeature(schema, name)).OfType<DatasetColumn>().ToArray();
        if (internet is null || addOns.Length < 3) return null;
        string[] sources = [internet.Name, .. addOns.Select(c => c.Name)];
        return new EngineeredFeature("services:count", sources, sources, IsText: false, Number: row =>
        {
            var held = Holds(row.ReadText(internet.Ordinal), "No") ? 0 : 1;
            foreach (var c in addOns) held += Holds(row.ReadText(c.Ordinal), "Yes") ? 1 : 0;
            return held;
        });

        static bool Holds(string value, string answer) =>
            string.Equals(value, answer, StringComparison.OrdinalIgnoreCase) || value == ColumnarTable.MissingText && answer == "No";
    }

    private static DatasetColumn? NumericFeature(DatasetSchema schema, string name) =>
        schema.Find(name) is { Role: ColumnRole.Feature } c && ColumnarTable.IsNumeric(c) ? c : null;

    private static DatasetColumn? TextFeature(DatasetSchema schema, string name) =>
        schema.Find(name) is { Role: ColumnRole.Feature, Type: ColumnType.Text } c ? c : null;

    private static float PerMonth(float total, float tenure) =>
        float.IsNaN(total) || float.IsNaN(tenure) ? float.NaN : total / Math.Max(tenure, 1f);

    // A new customer (tenure 0) has paid nothing yet and is exactly on track.
    private static float VsExpected(float total, float tenure, float monthly) =>
        float.IsNaN(tenure) || float.IsNaN(monthly) ? float.NaN
        : tenure * monthly <= 0 ? 1f
        : float.IsNaN(total) ? float.NaN
        : total / (tenure * monthly);

    private static string TenureBucket(float tenure) => tenure switch
    {
        float.NaN => ColumnarTable.MissingText,
        <= 6 => "0-6",
        <= 12 => "7-12",
        <= 24 => "13-24",
        <= 48 => "25-48",
        _ => "49+",
    };

    private static string ChargeBucket(float monthly) => monthly switch
    {
        float.NaN => ColumnarTable.MissingText,
        <= 25 => "0-25",
        <= 45 => "25-45",
        <= 60 => "45-60",
        <= 75 => "60-75",
        <= 90 => "75-90",
        <= 100 => "90-100",
        _ => "100+",
    };
}
