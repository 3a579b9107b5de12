using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>A deployment as the list and the page show it.</summary>
public sealed record DeploymentOverview(DeploymentState State, bool Loaded, string? Problem, LatencySummary Latency)
{
    public DeploymentRecord Deployment => State.Deployment;
    public double ErrorRate => Deployment.Requests == 0 ? 0 : (double)Deployment.FailedRequests / Deployment.Requests;
}

/// <summary>A deployment as the API and pages show it: targets, status here, counters from the store, and latency
/// percentiles over the newest logged predictions of the last day, computed by the store in the same query.</summary>
public sealed class DeploymentSummaries(DeploymentStore store, ServingRegistry registry, TimeProvider clock)
{
    public const int LatencySample = 10_000;

    /// <summary>One deployment's overview, or null when there is none.</summary>
    public async Task<DeploymentOverview?> OverviewAsync(string name, CancellationToken ct = default) =>
        await store.FiguresAsync(name, DayAgo, LatencySample, ct) is { } figures ? Overview(figures) : null;

    /// <summary>Every deployment's overview, by name: one query for all of them.</summary>
    public async Task<IReadOnlyList<DeploymentOverview>> ListAsync(CancellationToken ct = default) =>
        [.. (await store.FiguresAsync(DayAgo, LatencySample, ct)).Select(Overview)];

    /// <summary>What the API answers for a deployment, as the store has it now (a change just made included).</summary>
    public async Task<object> DescribeAsync(DeploymentState state, CancellationToken ct)
    {
        var o = await OverviewAsync(state.Deployment.Name, ct) ?? throw DeploymentException.NotFound(state.Deployment.Name);
        var d = o.Deployment;
        return new
        {
            d.Name, d.Status, d.EnginesPerProcess, d.Generation, d.Revision, d.CreatedBy,
            createdAt = DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
            targets = o.State.Targets.Select(t => new { t.Model, t.Version, t.RunId, t.ModelPath, t.Sha256, t.Weight }),
            serving = new { loaded = o.Loaded, revision = registry.Find(d.Name)?.Record.Revision, problem = o.Problem },
            requests = d.Requests, errors = d.FailedRequests, droppedPredictions = d.DroppedPredictions,
            latencyMs = new { p50 = o.Latency.P50, p95 = o.Latency.P95, p99 = o.Latency.P99, sample = o.Latency.Sample },
        };
    }

    private long DayAgo => clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();

    private DeploymentOverview Overview(DeploymentFigures figures)
    {
        var live = registry.Find(figures.State.Deployment.Name);
        return new DeploymentOverview(figures.State, live is not null && live.Record.Revision >= figures.State.Deployment.Revision,
            registry.Problem(figures.State.Deployment.Name), figures.Latency);
    }
}
