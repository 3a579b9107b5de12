using System.Text;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>
/// A store with a deployment's prediction log and an experiment's runs, and a chart service whose clock stands at
/// <see cref="Now"/>. The deployment serves a model trained on <see cref="ChartStore"/>'s customers (which types
/// tenure, MonthlyCharges and Contract); its log holds two layouts that order the inputs differently, the second
/// without MonthlyCharges and with a customer_id and a score_7d (0.5 and 2 in p3 and p4) no dataset describes:
/// <code>
/// row  layout   age   tenure  MonthlyCharges  Contract        probability  label  actual
/// p1   churn/1  1 d   1       70.5            Month-to-month  0.75         1      1
/// p2   churn/1  2 d   24      50              One year        0.25         0      1
/// p3   churn/2  10 d  5       —               Month-to-month  0.5          1      —
/// p4   churn/2  40 d  60      —               Two year        0.125        0      0
/// p5   churn/1  45 d  12      null            Month-to-month  0.625        1      —
/// </code>
/// The experiment has runs a (auc 0.8, max_depth 4), b (auc 0.9, max_depth 6, learning_rate 0.1) and c (still
/// running, nothing logged, started 60 days ago); a and b finished.
/// </summary>
internal sealed class ChartSourceStore(ChartStore customers) : IAsyncDisposable
{
    public const string Deployment = "churn-prod";
    public const string Experiment = "telco-churn";
    public const string LayoutOne = """["tenure","MonthlyCharges","Contract"]""";
    public const string LayoutTwo = """["Contract","tenure","customer_id","score_7d"]""";

    public static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 15, 42, TimeSpan.Zero);

    public ChartQueryService Charts => customers.Charts;

    public DeploymentStore Deployments { get; } = new(customers.Store.Store.Factory, Audit(customers), TimeProvider.System);

    public TrackingStore Tracking { get; } = new(customers.Store.Store.Factory, Audit(customers), TimeProvider.System);

    public DeploymentRecord Log { get; private set; } = null!;

    public static async Task<ChartSourceStore> CreateAsync(StoreProvider provider)
    {
        var store = new ChartSourceStore(await ChartStore.CreateAsync(provider, clock: new FixedClock(Now)));
        await store.LogPredictionsAsync();
        await store.LogRunsAsync();
        return store;
    }

    private static AuditTrail Audit(ChartStore customers) => new(customers.Store.Store.Factory, TimeProvider.System);

    private async Task LogPredictionsAsync()
    {
        var model = new ModelVersionRef("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), customers.SnapshotId);
        Log = (await Deployments.CreateAsync(Deployment, 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h1", "tsk_1"), new AuditActor("dora")))!;
        var rows = new[]
        {
            Row("churn/1", LayoutOne, 1, "[1,70.5,\"Month-to-month\"]", 0.75f, 1, "A-1"),
            Row("churn/1", LayoutOne, 2, "[24,50,\"One year\"]", 0.25f, 0, "A-2"),
            Row("churn/2", LayoutTwo, 10, "[\"Month-to-month\",5,\"C-3\",0.5]", 0.5f, 1, null),
            Row("churn/2", LayoutTwo, 40, "[\"Two year\",60,\"C-4\",2]", 0.125f, 0, null),
            Row("churn/1", LayoutOne, 45, "[12,null,\"Month-to-month\"]", 0.625f, 1, "A-5"),
        };
        await Deployments.WritePredictionsAsync(rows, []);
        await Deployments.AddLabelsAsync(Log, [Label(rows[0], 1), Label(rows[1], 1), Label(rows[3], 0)]);
    }

    public LoggedPrediction Row(string version, string layout, int daysAgo, string inputs, float probability, int label, string? entity) =>
        new(new PredictionLayout(Log.Id, version, layout), Guid.CreateVersion7(Now.AddDays(-daysAgo)), 10 * daysAgo,
            Encoding.UTF8.GetBytes(inputs), probability, label, entity);

    private static DelayedLabel Label(LoggedPrediction row, int label) => new(row.Uuid.ToString(), label);

    private async Task LogRunsAsync()
    {
        var who = new AuditActor("dora");
        var experiment = await Tracking.CreateExperimentAsync(Experiment, null, [], who);
        var started = Now.AddDays(-3).ToUnixTimeMilliseconds();
        var a = (await Tracking.CreateRunAsync(experiment, "dora", "a", started, [], who)).Info.RunId;
        var b = (await Tracking.CreateRunAsync(experiment, "dora", "b", started + 1_000, [], who)).Info.RunId;
        await Tracking.CreateRunAsync(experiment, "dora", "c", Now.AddDays(-60).ToUnixTimeMilliseconds(), [], who);
        await Tracking.LogMetricAsync(a, new TrackingMetric("auc", 0.8, started, 0));
        await Tracking.LogMetricAsync(b, new TrackingMetric("auc", 0.9, started, 0));
        await Tracking.LogParamAsync(a, new TrackingParam("max_depth", "4"));
        await Tracking.LogParamAsync(b, new TrackingParam("max_depth", "6"));
        await Tracking.LogParamAsync(b, new TrackingParam("learning_rate", "0.1"));
        await Tracking.UpdateRunAsync(a, "FINISHED", started + 60_000, null, who);
        await Tracking.UpdateRunAsync(b, "FINISHED", started + 120_000, null, who);
    }

    public Task<ChartResult> RunAsync(string specJson, bool canSeePii = false) => customers.RunAsync(specJson, canSeePii);

    /// <summary>A spec over the deployment's log; <paramref name="body"/> is the rest of the JSON object.</summary>
    public static string OverLog(string body, string deployment = Deployment) =>
        $$"""{"version":1,"source":{"kind":"predictions","deployment":"{{deployment}}"},{{body}}}""";

    /// <summary>A spec over the experiment's runs.</summary>
    public static string OverRuns(string body) =>
        $$"""{"version":1,"source":{"kind":"runs","experiment":"{{Experiment}}"},{{body}}}""";

    public ValueTask DisposeAsync() => customers.DisposeAsync();
}
