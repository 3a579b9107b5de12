using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>A deployment as the API and pages show it: targets, status here, counters from the store, and latency
/// percentiles over the newest logged predictions of the last day.</summary>
public sealed class DeploymentSummaries(DeploymentStore store, ServingRegistry registry, TimeProvider clock)
{
    public const int LatencySample = 10_000;

    public async Task<object> DescribeAsync(DeploymentState state, CancellationToken ct)
    {
        var d = state.Deployment;
        var latencies = await store.RecentLatenciesAsync(d, clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), LatencySample, ct);
        Array.Sort(latencies);
        var live = registry.Find(d.Name);
        return new
        {
            d.Name, d.Status, d.Replicas, d.Generation, d.Revision, d.CreatedBy,
            createdAt = DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
            targets = state.Targets.Select(t => new { t.Model, t.Version, t.RunId, t.ModelPath, t.Sha256, t.Weight }),
            serving = new { loaded = live is not null && live.Record.Revision >= d.Revision, revision = live?.Record.Revision, problem = registry.Problem(d.Name) },
            requests = d.Requests, errors = d.FailedRequests, droppedPredictions = d.DroppedPredictions,
            latencyMs = new { p50 = Percentile(latencies, 0.50), p95 = Percentile(latencies, 0.95), p99 = Percentile(latencies, 0.99), sample = latencies.Length },
        };
    }

    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
