using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Bench.Training;

/// <summary>Rows shaped like the IBM Telco data (same 21 columns and value sets) with a plausible churn signal.
/// A stand-in until the portal's own generator exists; it is streamed, never held as object rows.</summary>
internal static class SyntheticTelcoRows
{
    private static readonly string[] Services = ["Yes", "No", "No internet service"];
    private static readonly string[] Contracts = ["Month-to-month", "One year", "Two year"];
    private static readonly string[] Payments = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];
    private static readonly string[] Internet = ["DSL", "Fiber optic", "No"];

    public static DatasetSchema Schema { get; } = new(
    [
        new(0, "customerID", ColumnType.Text, ColumnRole.Id, Nullable: false),
        new(1, "gender", ColumnType.Text), new(2, "SeniorCitizen", ColumnType.Integer), new(3, "Partner", ColumnType.Text),
        new(4, "Dependents", ColumnType.Text), new(5, "tenure", ColumnType.Integer), new(6, "PhoneService", ColumnType.Text),
        new(7, "MultipleLines", ColumnType.Text), new(8, "InternetService", ColumnType.Text), new(9, "OnlineSecurity", ColumnType.Text),
        new(10, "OnlineBackup", ColumnType.Text), new(11, "DeviceProtection", ColumnType.Text), new(12, "TechSupport", ColumnType.Text),
        new(13, "StreamingTV", ColumnType.Text), new(14, "StreamingMovies", ColumnType.Text), new(15, "Contract", ColumnType.Text),
        new(16, "PaperlessBilling", ColumnType.Text), new(17, "PaymentMethod", ColumnType.Text), new(18, "MonthlyCharges", ColumnType.Real),
        new(19, "TotalCharges", ColumnType.Real), new(20, "Churn", ColumnType.Text, ColumnRole.Label, Nullable: false),
    ]);

    public static IEnumerable<object?[]> Generate(int count, int seed)
    {
        var r = new Random(seed);
        var row = new object?[21];
        for (var i = 0; i < count; i++)
        {
            var internet = Internet[r.Next(3)];
            var contract = Contracts[r.Next(3)];
            long tenure = r.Next(0, 73);
            var monthly = Math.Round(18 + r.NextDouble() * (internet == "Fiber optic" ? 100 : 60), 2);
            string Service() => internet == "No" ? "No internet service" : Services[r.Next(2)];
            row[0] = $"{i:D7}-SYNTH";
            row[1] = r.Next(2) == 0 ? "Male" : "Female";
            row[2] = r.NextDouble() < 0.16 ? 1L : 0L;
            row[3] = r.Next(2) == 0 ? "Yes" : "No";
            row[4] = r.NextDouble() < 0.3 ? "Yes" : "No";
            row[5] = tenure;
            row[6] = r.NextDouble() < 0.9 ? "Yes" : "No";
            row[7] = (string)row[6]! == "No" ? "No phone service" : Services[r.Next(2)];
            row[8] = internet;
            for (var s = 9; s <= 14; s++) row[s] = Service();
            row[15] = contract;
            row[16] = r.Next(2) == 0 ? "Yes" : "No";
            row[17] = Payments[r.Next(4)];
            row[18] = monthly;
            row[19] = tenure == 0 ? null : Math.Round(monthly * tenure * (0.9 + r.NextDouble() * 0.2), 2);
            var risk = (contract == "Month-to-month" ? 1.0 : contract == "One year" ? -0.5 : -1.5) - tenure / 24.0
                       + (internet == "Fiber optic" ? 0.7 : 0) + ((string)row[17]! == "Electronic check" ? 0.4 : 0) + (r.NextDouble() * 3 - 1.5);
            row[20] = risk > 0.3 ? "Yes" : "No";
            yield return row;
        }
    }
}
