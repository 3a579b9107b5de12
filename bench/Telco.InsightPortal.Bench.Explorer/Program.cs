using System.Diagnostics;
using System.Globalization;
using Telco.Apps.ChurnExplorer;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Bench.Explorer;
using Telco.InsightPortal.Core.Data;
using static Telco.InsightPortal.Bench.Explorer.Measure;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Explorer [-- csv=../shared/data/telco-customer-churn.csv [searches=400]]
// Goal: a retention search answers while the user waits, well under a second, with its 256 candidates in one scoring call.
// End to end, through the real portal and its serving endpoint over HTTP (see EndToEnd.cs):
//   dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Explorer -- e2e [rows=100000 [calls=300 [coldPages=10 [idleRounds=2]]]]
if (args is ["e2e", .. var e2eArgs])
{
    await EndToEnd.RunAsync(e2eArgs);
    return;
}

var csv = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "..", "shared", "data", "telco-customer-churn.csv");
var searches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
const double threshold = 0.5;
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores");

var model = await TrainedTelcoModel.TrainAsync(csv);
var catalog = OfferCatalog.Parse(BenchCatalog.Text);
// Customers for whom the catalog gives the full 256 candidates and whom the model puts at risk: the search's worst case.
var full = model.Rows.Where(r => RetentionSearch.Candidates(r, catalog).Count == RetentionSearch.MaxCandidates).ToList();
var fullScores = await model.ScoreAsync(full, default);
var customers = full.Where((_, i) => fullScores[i] >= threshold).ToList();
Console.WriteLine($"{catalog.Offers.Count} offers; {full.Count:N0} of {model.Rows.Count:N0} customers get {RetentionSearch.MaxCandidates} candidates, "
                  + $"{customers.Count:N0} of them at risk (p ≥ {threshold}); {searches} searches over them");

foreach (var (name, score) in new (string, Func<IReadOnlyList<IReadOnlyDictionary<string, object?>>, CancellationToken, Task<IReadOnlyList<double>>>)[]
         {
             ("probabilities (as /predict)", model.ScoreAsync),
             ("with contributions (as /explain, what IAppHost.ExplainAsync calls)", model.ExplainAsync),
         })
{
    var total = new List<double>();
    var scoring = new List<double>();
    var outcomes = new Dictionary<RetentionOutcome, int>();
    for (var i = -20; i < searches; i++) // 20 warm-up searches: JIT and ML.NET's first-call costs out of the figures
    {
        var scoreTicks = 0L;
        var start = Stopwatch.GetTimestamp();
        var result = await RetentionSearch.FindAsync(customers[(i + 20) % customers.Count], catalog, threshold, RetentionSearch.DefaultValueOfSaving,
            async (rows, ct) =>
            {
                var s = Stopwatch.GetTimestamp();
                var p = await score(rows, ct);
                scoreTicks = Stopwatch.GetTimestamp() - s;
                return p;
            });
        if (i < 0) continue;
        total.Add(Ms(Stopwatch.GetTimestamp() - start));
        scoring.Add(Ms(scoreTicks));
        outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
    }
    var rest = total.Zip(scoring, (t, s) => t - s).ToList();
    Console.WriteLine($"search, scoring {name}:");
    Console.WriteLine($"  total          p50 {Percentile(total, 50):0.00} ms  p95 {Percentile(total, 95):0.00} ms");
    Console.WriteLine($"  scoring 257    p50 {Percentile(scoring, 50):0.00} ms  p95 {Percentile(scoring, 95):0.00} ms");
    Console.WriteLine($"  candidates + choice  p50 {Percentile(rest, 50):0.00} ms  p95 {Percentile(rest, 95):0.00} ms");
    Console.WriteLine($"  outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
}

var build = MedianNs(31, 20, i => RetentionSearch.Candidates(customers[i % customers.Count], catalog));
Console.WriteLine($"building 256 candidates alone (median): {Show(build)}");

var hints = Hints(model.Schema, model.Rows);
var edit = new Dictionary<string, object?>
{
    ["Contract"] = "One year", ["PaymentMethod"] = "Credit card (automatic)", ["TechSupport"] = "Yes", ["MonthlyCharges"] = 130.0, ["TotalCharges"] = -1.0,
};
var check = MedianNs(31, 10_000, _ => WhatIfCheck.Check(hints, edit));
var field = MedianNs(31, 100_000, _ => WhatIfCheck.Field(hints[0], hints[0].Name, "x"));
Console.WriteLine($"WhatIfCheck: 5 edited fields against {hints.Count} hints {Show(check)}; one field {Show(field)}");

static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

// What serving reports of each input: levels most frequent first, the range training saw.
static List<AppInputHint> Hints(DatasetSchema schema, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows) =>
[
    .. schema.Columns.Where(c => c.Role == ColumnRole.Feature).Select(c => c.Type == ColumnType.Text
        ? new AppInputHint(c.Name, "text", [.. rows.Select(r => r[c.Name] as string).OfType<string>().CountBy(v => v).OrderByDescending(g => g.Value).Select(g => g.Key)], null, null)
        : new AppInputHint(c.Name, c.Type == ColumnType.Integer ? "integer" : "real", null,
            rows.Min(r => r[c.Name] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : double.MaxValue),
            rows.Max(r => r[c.Name] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : double.MinValue))),
];

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Telco.InsightPortal.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository, or pass the CSV's path.");
}
