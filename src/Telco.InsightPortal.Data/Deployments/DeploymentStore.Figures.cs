using Dapper;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>Latency (ms) over a deployment's newest logged predictions: how many were sampled and the interpolated
/// percentiles, null when there were none.</summary>
public sealed record LatencySummary
{
    public long Sample { get; init; }
    public double? P50 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
}

/// <summary>A deployment as the lists and pages show it: the row, what it serves now, and its recent latency.</summary>
public sealed record DeploymentFigures(DeploymentState State, LatencySummary Latency);

public sealed partial class DeploymentStore
{
    /// <summary>Every deployment with its targets and the latency of its newest <paramref name="sample"/> predictions
    /// logged since <paramref name="from"/> (ms since the epoch), by name: one query, whatever the number of deployments.</summary>
    public Task<IReadOnlyList<DeploymentFigures>> FiguresAsync(long from, int sample, CancellationToken ct = default) =>
        ReadFiguresAsync(DeploymentFiguresSql.All(factory.Provider), null, from, sample, ct);

    /// <summary>One deployment's figures, as <see cref="FiguresAsync(long, int, CancellationToken)"/> reads them; null when there is none.</summary>
    public async Task<DeploymentFigures?> FiguresAsync(string name, long from, int sample, CancellationToken ct = default) =>
        (await ReadFiguresAsync(DeploymentFiguresSql.One(factory.Provider), name, from, sample, ct)).SingleOrDefault();

    private Task<IReadOnlyList<DeploymentFigures>> ReadFiguresAsync(string sql, string? name, long from, int sample, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<DeploymentFigures>>(async c =>
        {
            var parameters = new
            {
                Name = name, From = from, Offset = Math.Max(1, sample) - 1,
                FromKey = PredictionIds.ToStore(PredictionIds.Bound(SaturatingAdd(from, -IdSlackMilliseconds)), factory.Provider),
            };
            var rows = await c.QueryAsync<DeploymentRecord, DeploymentTarget, LatencySummary, (DeploymentRecord Deployment, DeploymentTarget Target, LatencySummary Latency)>(
                new CommandDefinition(sql, parameters, cancellationToken: ct), (d, t, l) => (d, t, l), splitOn: "DeploymentId,Sample");
            return [.. rows.GroupBy(r => r.Deployment.Id)
                .Select(g => new DeploymentFigures(new DeploymentState(g.First().Deployment, [.. g.Select(r => r.Target)]), g.First().Latency))];
        }, ct);
}
