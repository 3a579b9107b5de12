using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tests.Monitoring;

/// <summary>
/// A deployment whose model was trained on a seeded snapshot of <see cref="TrainingRows"/> customers (tenure uniform
/// 0…72, MonthlyCharges uniform 20…120, Contract 50/30/20 %, PaymentMethod four equal methods), and whose log holds
/// <see cref="Logged"/> predictions over two hours from <see cref="Start"/>, one every
/// <see cref="Spacing"/>: tenure shifted to 30…72 and Contract to 10/20/70 %, the other two drawn as in training.
/// Probabilities are calibrated (the delayed label is drawn from Bernoulli(p)); every other prediction's label has
/// arrived. Serving's counters say 5 of each minute's requests were refused out of 50.
/// </summary>
internal sealed class MonitoredDeployment(StoreUnderTest store) : IAsyncDisposable
{
    public const string Name = "churn-prod";
    public const int TrainingRows = 1_000;
    public const int Logged = 2_400;
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(3);
    public const string Layout = """["tenure","MonthlyCharges","Contract","PaymentMethod"]""";

    private static readonly string[] Contracts = ["Month-to-month", "One year", "Two year"];
    private static readonly string[] Methods = ["Electronic check", "Mailed check", "Bank transfer", "Credit card"];

    public StoreUnderTest Store => store;
    public DeploymentStore Deployments { get; } = new(store.Store.Factory, store.Audit, TimeProvider.System);
    public MonitoringStore Monitoring { get; } = new(store.Store.Factory);
    public AlertStore Alerts { get; } = new(store.Store.Factory, store.Audit, TimeProvider.System);
    public MonitoringService Service { get; private set; } = null!;
    public DeploymentRecord Deployment { get; private set; } = null!;

    /// <summary>What was logged, in order: (time, latency, probability, predicted, actual or null when not labelled).</summary>
    public List<(DateTimeOffset At, double Latency, double Probability, int Predicted, int? Actual)> Rows { get; } = [];

    public static async Task<MonitoredDeployment> CreateAsync(StoreProvider provider, int logged = Logged)
    {
        var d = new MonitoredDeployment(await StoreUnderTest.CreateAsync(provider));
        await d.SeedAsync(logged);
        return d;
    }

    private async Task SeedAsync(int logged)
    {
        var random = new Random(7);
        var csv = new StringBuilder("tenure,MonthlyCharges,Contract,PaymentMethod\n");
        for (var i = 0; i < TrainingRows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{random.Next(0, 73)},{20 + random.NextDouble() * 100:0.00},{Pick(random, Contracts, 0.5, 0.3)},{Methods[random.Next(4)]}\n");
        }

        var ingest = await store.IngestAsync("customers", csv.ToString());
        var model = new ModelVersionRef("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), ingest.Snapshot!.Id);
        Deployment = (await Deployments.CreateAsync(Name, 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h1", "tsk_1"), new AuditActor("dora")))!;
        Service = new MonitoringService(Deployments, Monitoring, Alerts, new MonitoringOptions(), TimeProvider.System);

        var rows = new List<LoggedPrediction>();
        var labels = new List<DelayedLabel>();
        for (var i = 0; i < logged; i++)
        {
            var at = Start + i * Spacing;
            var inputs = string.Create(CultureInfo.InvariantCulture,
                $"[{random.Next(30, 73)},{20 + random.NextDouble() * 100:0.00},\"{Pick(random, Contracts, 0.1, 0.2)}\",\"{Methods[random.Next(4)]}\"]");
            var p = Math.Round(0.05 + 0.9 * random.NextDouble(), 4);
            var actual = random.NextDouble() < p ? 1 : 0;
            var latency = 1 + random.Next(0, 1000) / 100.0;
            var predicted = p >= 0.5 ? 1 : 0;
            var row = new LoggedPrediction(new PredictionLayout(Deployment.Id, "churn/1", Layout), Guid.CreateVersion7(at), latency,
                Encoding.UTF8.GetBytes(inputs), (float)p, predicted);
            rows.Add(row);
            var labelled = i % 2 == 0;
            if (labelled) labels.Add(new DelayedLabel(row.Uuid.ToString(), actual));
            Rows.Add((at, latency, row.Probability, predicted, labelled ? actual : null));
        }

        var minutes = rows.Select(r => PredictionIds.Milliseconds(r.Uuid) / 60_000).Distinct()
            .Select(m => new CounterDelta(Deployment.Id, m, 50, 5, 0)).ToList();
        await Deployments.WritePredictionsAsync(rows, minutes);
        foreach (var chunk in labels.Chunk(DeploymentStore.MaxLabelsPerCall)) await Deployments.AddLabelsAsync(Deployment, chunk);
    }

    private static string Pick(Random random, string[] values, double first, double second)
    {
        var u = random.NextDouble();
        return u < first ? values[0] : u < first + second ? values[1] : values[2];
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
