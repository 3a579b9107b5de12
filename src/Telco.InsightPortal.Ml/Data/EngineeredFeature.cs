using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml.Data;

/// <summary>
/// A feature computed from other columns of the same row. Computed inside the data view rather than in the
/// pipeline so that serving needs nothing but the schema, and so that permuting an input column also
/// permutes what is derived from it. <see cref="Owner"/> is the input column its importance is credited to.
/// </summary>
internal sealed record EngineeredFeature(
    string Name,
    string Owner,
    IReadOnlyList<string> Sources,
    bool IsText,
    Func<Func<int, float>, float>? Number = null,
    Func<Func<int, float>, string>? Text = null)
{
    /// <summary>The features the IBM-like schema supports; each needs its source columns by name, so other datasets simply get none.</summary>
    public static IReadOnlyList<EngineeredFeature> For(DatasetSchema schema)
    {
        var tenure = NumericFeature(schema, "tenure");
        var total = NumericFeature(schema, "TotalCharges");
        var monthly = NumericFeature(schema, "MonthlyCharges");
        var features = new List<EngineeredFeature>();
        if (tenure is not null)
        {
            // Churn falls steeply over the first year and then flattens; buckets let a linear model bend.
            features.Add(new EngineeredFeature($"{tenure.Name}:bucket", tenure.Name, [tenure.Name], IsText: true,
                Text: read => Bucket(read(tenure.Ordinal))));
        }
        if (tenure is not null && total is not null)
        {
            features.Add(new EngineeredFeature($"{total.Name}:per_tenure_month", total.Name, [total.Name, tenure.Name], IsText: false,
                Number: read => PerMonth(read(total.Ordinal), read(tenure.Ordinal))));
            if (monthly is not null)
            {
                // Current monthly charge against the lifetime average: a recent price rise.
                features.Add(new EngineeredFeature($"{monthly.Name}:above_average", monthly.Name, [monthly.Name, total.Name, tenure.Name], IsText: false,
                    Number: read => read(monthly.Ordinal) - PerMonth(read(total.Ordinal), read(tenure.Ordinal))));
            }
        }
        return features;
    }

    private static DatasetColumn? NumericFeature(DatasetSchema schema, string name) =>
        schema.Find(name) is { Role: ColumnRole.Feature } c && ColumnarTable.IsNumeric(c) ? c : null;

    private static float PerMonth(float total, float tenure) =>
        float.IsNaN(total) || float.IsNaN(tenure) ? float.NaN : total / Math.Max(tenure, 1f);

    private static string Bucket(float tenure) => tenure switch
    {
        float.NaN => ColumnarTable.MissingText,
        <= 6 => "0-6",
        <= 12 => "7-12",
        <= 24 => "13-24",
        <= 48 => "25-48",
        _ => "49+",
    };
}
