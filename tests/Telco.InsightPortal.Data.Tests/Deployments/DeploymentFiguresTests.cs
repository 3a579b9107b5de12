using System.Data.Common;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Deployments;

/// <summary>The deployments list's figures come from one query, percentiles computed by the store, the same on both providers.</summary>
public sealed class DeploymentFiguresTests
{
    private static readonly AuditActor Scientist = DeploymentStoreTests.Scientist;
    private static readonly ModelVersionRef V1 = DeploymentStoreTests.V1;
    private static readonly ModelVersionRef V2 = DeploymentStoreTests.V2;
    private const long From = 100_000;
    private const int Sample = 50;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EveryDeploymentsFiguresComeFromOneQueryWithInterpolatedPercentilesOfItsNewestPredictions(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var counting = new CountingFactory(store.Factory);
        var deployments = new DeploymentStore(counting, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var busy = await CreateAsync(deployments, "busy");
        var canary = await CreateAsync(deployments, "canary");
        var quiet = await CreateAsync(deployments, "quiet");
        var single = await CreateAsync(deployments, "single");
        await deployments.SetTargetsAsync(canary, canary.Generation, [DeploymentTarget.Of(V1, 90), DeploymentTarget.Of(V2, 10)], "deployment.canary", Scientist);
        // busy: 5 predictions before the window, then 80 in it, of which the newest 50 are the sample.
        var busyLog = Enumerable.Range(0, 85).Select(i => (Time: From - 5_000 + i * 1_000L, Ms: Latency(i))).ToList();
        var canaryLog = Enumerable.Range(0, 7).Select(i => (Time: From + i * 3_000L, Ms: Latency(i + 200))).ToList();
        await deployments.WritePredictionsAsync([.. Logged(busy, busyLog), .. Logged(canary, canaryLog), .. Logged(single, [(From + 10, 4.25)])], []);
        var opened = counting.Opened;

        var all = await deployments.FiguresAsync(From, Sample);
        var listQueries = counting.Opened - opened;
        var one = await deployments.FiguresAsync("busy", From, Sample);
        var none = await deployments.FiguresAsync("no-such", From, Sample);

        Assert.Equal(1, listQueries);
        Assert.Equal(["busy", "canary", "quiet", "single"], all.Select(f => f.State.Deployment.Name));
        Assert.Equal([("1", 90), ("2", 10)], all[1].State.Targets.Select(t => (t.Version, t.Weight)));
        Assert.Equal(2, all[1].State.Deployment.Generation);
        AssertLatency(Expected(busyLog.Where(p => p.Time >= From).TakeLast(Sample)), all[0].Latency);
        AssertLatency(Expected(canaryLog), all[1].Latency);
        Assert.Equal(new LatencySummary(), all[2].Latency);
        Assert.Equal(new LatencySummary { Sample = 1, P50 = 4.25, P95 = 4.25, P99 = 4.25 }, all[3].Latency);
        Assert.Equal(all[0].State.Deployment, one!.State.Deployment);
        AssertLatency(all[0].Latency, one.Latency);
        Assert.Null(none);
        Assert.Equal(quiet.Id, all[2].State.Deployment.Id);
    }

    /// <summary>Latencies in no particular order, with fractions, so that interpolation shows.</summary>
    private static double Latency(int i) => (i * 37 % 101) + 0.125 * (i % 8);

    /// <summary>What PostgreSQL's percentile_cont gives, computed here: lo + (hi − lo) × fraction at rank q × (n − 1).</summary>
    private static LatencySummary Expected(IEnumerable<(long Time, double Ms)> sample)
    {
        var sorted = sample.Select(p => p.Ms).Order().ToArray();
        double At(double q)
        {
            var h = q * (sorted.Length - 1);
            var lo = (int)Math.Floor(h);
            return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
        return new LatencySummary { Sample = sorted.Length, P50 = At(0.5), P95 = At(0.95), P99 = At(0.99) };
    }

    private static void AssertLatency(LatencySummary expected, LatencySummary actual)
    {
        Assert.Equal(expected.Sample, actual.Sample);
        Assert.Equal(expected.P50!.Value, actual.P50!.Value, 9);
        Assert.Equal(expected.P95!.Value, actual.P95!.Value, 9);
        Assert.Equal(expected.P99!.Value, actual.P99!.Value, 9);
    }

    private static async Task<DeploymentRecord> CreateAsync(DeploymentStore deployments, string name) =>
        (await deployments.CreateAsync(name, 1, [DeploymentTarget.Of(V1, 100)], new NewKey("default", "hash-" + name, "tsk_" + name), Scientist))!;

    private static IEnumerable<LoggedPrediction> Logged(DeploymentRecord d, IEnumerable<(long Time, double Ms)> log) =>
        log.Select(p => new LoggedPrediction(new PredictionLayout(d.Id, "churn/1", "[]"), Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(p.Time)),
            p.Ms, "[]"u8.ToArray(), 0.5f, 1));

    /// <summary>Counts the connections opened: each store read opens one for its query.</summary>
    private sealed class CountingFactory(IConnectionFactory inner) : IConnectionFactory
    {
        private int _opened;

        public int Opened => _opened;

        public StoreProvider Provider => inner.Provider;

        public Task<DbConnection> OpenAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref _opened);
            return inner.OpenAsync(ct);
        }

        public DbConnection Open()
        {
            Interlocked.Increment(ref _opened);
            return inner.Open();
        }
    }
}
