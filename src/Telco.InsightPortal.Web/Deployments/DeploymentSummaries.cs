using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>A deployment as the list and the page show it.</summary>
public sealed record DeploymentOverview(DeploymentState State, bool Loaded, string? Problem, double? P50, double? P95, double? P99, int Sample)
{
    public DeploymentRecord Deployment => State.Deployment;
    public double ErrorRate => Deployment.Requests == 0 ? 0 : (double)Deployment.FailedRequests / Deployment.Requests;
}

/// <summary>A deployment as the API and pages show it: targets, status here, counters from the store, and latency
/// percentiles over the newest logged predictions of the last day.</summary>
public sealed class DeploymentSummaries(DeploymentStore store, ServingRegistry registry, TimeProvider clock)
{
    public const int LatencySample = 10_000;

    public async Task<DeploymentOverview> OverviewAsync(DeploymentState state, CancellationToken ct = default)
    {
        var d = state.Deployment;
        var latencies = await store.RecentLatenciesAsync(d, clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), LatencySample, ct);
        Array.Sort(latencies);
        var live = registry.Find(d.Name);
        return new DeploymentOverview(state, live is not null && live.Record.Revision >= d.Revision, registry.Problem(d.Name),
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies.Length);
    }

    /// <summary>Every deployment's overview, by name.</summary>
    public async Task<IReadOnlyList<DeploymentOverview>> ListAsync(CancellationToken ct = default)
    {
        var all = new List<DeploymentOverview>();
        foreach (var d in await store.ListAsync(ct))
            if (await store.GetStateAsync(d.Name, ct) is { } state) all.Add(await OverviewAsync(state, ct));
        return all;
    }

    public async Task<object> DescribeAsync(DeploymentState state, CancellationToken ct)
    {
        var o = await OverviewAsync(state, ct);
        var d = state.Deployment;
        return new
        {
            d.Name, d.Status, d.Replicas, d.Generation, d.Revision, d.CreatedBy,
            createdAt = DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
            targets = state.Targets.Select(t => new { t.Model, t.Version, t.RunId, t.ModelPath, t.Sha256, t.Weight }),
            serving = new { loaded = o.Loaded, revision = registry.Find(d.Name)?.Record.Revision, problem = o.Problem },
            requests = d.Requests, errors = d.FailedRequests, droppedPredictions = d.DroppedPredictions,
            latencyMs = new { p50 = o.P50, p95 = o.P95, p99 = o.P99, sample = o.Sample },
        };
    }

    public static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
