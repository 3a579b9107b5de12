using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// A logged prediction's chain back to its source files (<see cref="PredictionChain"/>), read with a fixed number of
/// queries on one connection: the log row names the deployment and the version, the generation serving then is the
/// newest made before it, and the version leads to its run, the run to its snapshots, the snapshots to their files.
/// Reads only.
/// </summary>
public sealed class PredictionChainStore(IConnectionFactory factory)
{
    private static readonly string[] CreateAction = ["deployment.create"];

    /// <summary>The chain of the prediction logged as <paramref name="uuid"/>; null when no deployment logged it.</summary>
    public async Task<PredictionChain?> GetAsync(Guid uuid, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var find = factory.Provider == StoreProvider.Sqlite ? PredictionChainSql.SqliteFind : PredictionChainSql.PostgresFind;
        var row = await c.QuerySingleOrDefaultAsync<ChainFindRow>(Command(find, new { Uuid = PredictionIds.ToStore(uuid, factory.Provider) }, ct));
        if (row is null) return null;

        var targets = (await c.QueryAsync<ChainTargetRow>(Command(PredictionChainSql.Targets,
            new { row.DeploymentId, row.Generation }, ct))).AsList();
        var generation = targets.Count > 0 ? targets[0].Generation : row.Generation ?? 1;
        var made = await WhoMadeAsync(c, row.Deployment, generation, ct);
        var deployment = new ChainDeployment(row.Deployment, generation, row.CurrentGeneration,
            [.. targets.Select(t => new ChainTarget(LineageIds.ModelVersion(t.Model, t.Version), (int)t.Weight))],
            made?.Action, made?.Actor, made?.At.ToUnixTimeMilliseconds(), row.CreatedBy, row.CreatedAt);
        var prediction = new ChainPrediction(uuid.ToString("D"), row.At, row.Deployment, row.ModelVersion, row.Probability, (int)row.Label,
            row.TrueLabel is { } t ? (int)t : null, row.LatencyMs);

        var version = await VersionAsync(c, row.ModelVersion, row.At, ct);
        // A version renamed or deleted since: the target that served it still names the run it was copied from.
        var served = targets.FirstOrDefault(t => LineageIds.ModelVersion(t.Model, t.Version) == row.ModelVersion);
        var runId = version?.Row.RunId ?? served?.RunId;
        var run = runId is null ? null : await RunAsync(c, runId, ct);
        var snapshots = await SnapshotsAsync(c, runId, version?.Row.SnapshotId ?? served?.SnapshotId, ct);
        return new PredictionChain(prediction, deployment, version?.Chain, run, snapshots);
    }

    /// <summary>The audit entry that made <paramref name="generation"/>: the create for the first, otherwise the change
    /// whose details name it.</summary>
    private static async Task<ChainGenerationRow?> WhoMadeAsync(DbConnection c, string deployment, long generation, CancellationToken ct)
    {
        var entries = await c.QueryAsync<ChainGenerationRow>(Command(PredictionChainSql.Generations, new { Deployment = deployment }, ct));
        return entries.LastOrDefault(e => generation == 1 ? CreateAction.Contains(e.Action) : GenerationOf(e.Details) == generation);
    }

    private static long? GenerationOf(string? details)
    {
        if (details is null) return null;
        try
        {
            using var json = JsonDocument.Parse(details);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("generation", out var g)
                   && g.TryGetInt64(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<(ChainVersionRow Row, ChainModelVersion Chain)?> VersionAsync(DbConnection c, string key, long at, CancellationToken ct)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !long.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
        var v = await c.QuerySingleOrDefaultAsync<ChainVersionRow>(Command(PredictionChainSql.Version, new { Model = key[..slash], Version = number }, ct));
        if (v is null) return null;
        var approvals = (await c.QueryAsync<ChainApprovalRow>(Command(PredictionChainSql.Approvals, new { v.ModelId, v.Version }, ct)))
            .Select(a => new ChainApproval(a.Id, a.TargetKind, a.Target, a.Status, a.RequestedBy, a.RequestedAt, a.RequestComment, a.DecidedBy,
                a.DecidedAt, a.DecisionComment)).ToList();
        // Stage changes that need four eyes are recorded with their decision time: the last approved before the
        // prediction is the stage it was in then. Without one, the stage then is not known from the store.
        var stageThen = approvals.Where(a => a is { TargetKind: "stage", Status: "approved" } && a.DecidedAt <= at).MaxBy(a => a.DecidedAt)?.Target;
        return (v, new ChainModelVersion(v.Model, v.Version, v.Stage, stageThen, v.CreatedBy, v.CreatedAt, v.ModelSha256, approvals));
    }

    private static async Task<ChainRun?> RunAsync(DbConnection c, string runId, CancellationToken ct)
    {
        var r = await c.QuerySingleOrDefaultAsync<ChainRunRow>(Command(PredictionChainSql.Run, new { RunId = runId }, ct));
        if (r is null) return null;
        var metrics = (await c.QueryAsync<ChainMetricRow>(Command(PredictionChainSql.Metrics, new { RunId = runId }, ct)))
            .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        return new ChainRun(r.RunId, r.Name, r.ExperimentId, r.Experiment, r.StartedBy, r.Status, r.StartTime, r.EndTime, r.Trainer, metrics);
    }

    private static async Task<IReadOnlyList<ChainSnapshot>> SnapshotsAsync(DbConnection c, string? runId, long? snapshotId, CancellationToken ct)
    {
        if (runId is null && snapshotId is null) return [];
        var rows = await c.QueryAsync<ChainSnapshotRow>(Command(PredictionChainSql.Snapshots, new { RunId = runId, SnapshotId = snapshotId }, ct));
        return [.. rows.GroupBy(r => r.Id).Select(g =>
        {
            var s = g.First();
            var files = g.Where(f => f.FileId is not null)
                .Select(f => new ChainSourceFile(f.FileId!, f.FileName ?? "", f.SizeBytes, f.Sha256, f.FirstSeenAt ?? 0)).ToList();
            return new ChainSnapshot(s.Id, s.Dataset, s.Operation, s.RowsAdded, s.TotalRows, s.CommittedBy, s.CommittedAt.ToUnixTimeMilliseconds(),
                s.ContentHash, files);
        })];
    }

    private static CommandDefinition Command(string sql, object parameters, CancellationToken ct) => new(sql, parameters, cancellationToken: ct);
}
