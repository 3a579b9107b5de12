namespace Telco.InsightPortal.Bench.Explorer;

/// <summary>Twelve offers: three exclusive on contract and price, nine on separate services, so a customer without those
/// services has 4 × 2⁹ − 1 = 2,047 offer sets, well past the search's cap of 256.</summary>
internal static class BenchCatalog
{
    public const string Text = """
        One-year contract, 10% off | 120 | Contract=One year; MonthlyCharges*=0.9
        Two-year contract, 15% off | 220 | Contract=Two year; MonthlyCharges*=0.85
        5% loyalty discount | 40 | MonthlyCharges*=0.95
        Automatic card payment | 10 | PaymentMethod=Credit card (automatic)
        Tech support free for a year | 60 | TechSupport=Yes
        Online security free for a year | 48 | OnlineSecurity=Yes
        Online backup free for a year | 36 | OnlineBackup=Yes
        Device protection free for a year | 30 | DeviceProtection=Yes
        Streaming TV free for a year | 72 | StreamingTV=Yes
        Streaming movies free for a year | 72 | StreamingMovies=Yes
        Paper bills | 0 | PaperlessBilling=No
        Second line free for a year | 25 | MultipleLines=Yes
        """;
}
