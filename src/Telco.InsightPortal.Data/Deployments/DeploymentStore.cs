using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>
/// Deployments, their target generations and access keys. Every change that matters is audited in the transaction
/// that makes it and bumps the deployment's revision, which serving processes poll.
/// </summary>
public sealed partial class DeploymentStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Creates the deployment with its first targets and first key; false when the name is taken.</summary>
    public Task<DeploymentRecord?> CreateAsync(string name, int enginesPerProcess, IReadOnlyList<DeploymentTarget> targets, NewKey key,
        AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync<DeploymentRecord?>(actor, async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { Name = name }, tx, cancellationToken: ct)) is not null)
                return (null, null);
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(DeploymentSql.Insert, new { Name = name, EnginesPerProcess = enginesPerProcess, CreatedBy = actor.Name, Now }, tx, cancellationToken: ct));
            await InsertTargetsAsync(c, tx, id, name, 1, targets, actor, ct);
            await InsertKeyAsync(c, tx, id, key, actor, ct);
            var created = await c.QuerySingleAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { Name = name }, tx, cancellationToken: ct));
            return (created, new AuditEvent("deployment.create", "deployment", name,
                Details: new { enginesPerProcess, targets = Describe(targets), key = key.Prefix }));
        }, ct);

    public async Task<DeploymentRecord?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { Name = name }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.List, cancellationToken: ct))).ToList();
    }

    /// <summary>The deployment and its current targets, read together.</summary>
    public async Task<DeploymentState?> GetStateAsync(string name, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var d = await c.QuerySingleOrDefaultAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { Name = name }, cancellationToken: ct));
        if (d is null) return null;
        var targets = await c.QueryAsync<DeploymentTarget>(new CommandDefinition(DeploymentSql.Targets, new { d.Id, d.Generation }, cancellationToken: ct));
        return new DeploymentState(d, targets.ToList());
    }

    /// <summary>Each deployment's revision: what serving processes poll to notice a change.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RevisionsAsync(CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Name, long Revision)>(new CommandDefinition(DeploymentSql.Revisions, cancellationToken: ct));
        return rows.ToDictionary(r => r.Name, r => r.Revision, StringComparer.Ordinal);
    }

    /// <summary>
    /// Makes <paramref name="targets"/> the deployment's new generation (a redeploy, a canary or a rollback), provided
    /// the deployment is still at <paramref name="expectedGeneration"/>; null when another change came first.
    /// </summary>
    public Task<DeploymentState?> SetTargetsAsync(DeploymentRecord deployment, long expectedGeneration, IReadOnlyList<DeploymentTarget> targets,
        string action, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var generation = await c.ExecuteScalarAsync<long>(new CommandDefinition(DeploymentSql.MaxGeneration, new { deployment.Id }, tx, cancellationToken: ct)) + 1;
            var moved = await c.ExecuteAsync(new CommandDefinition(DeploymentSql.Advance,
                new { deployment.Id, Generation = generation, Expected = expectedGeneration, Now }, tx, cancellationToken: ct));
            if (moved == 0) return ((DeploymentState?)null, (AuditEvent?)null);
            await InsertTargetsAsync(c, tx, deployment.Id, deployment.Name, generation, targets, actor, ct);
            var updated = await c.QuerySingleAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { deployment.Name }, tx, cancellationToken: ct));
            var saved = (await c.QueryAsync<DeploymentTarget>(new CommandDefinition(DeploymentSql.Targets, new { deployment.Id, Generation = generation }, tx, cancellationToken: ct))).ToList();
            return (new DeploymentState(updated, saved), new AuditEvent(action, "deployment", deployment.Name,
                Details: new { generation, previousGeneration = expectedGeneration, targets = Describe(targets) }));
        }, ct);

    /// <summary>The targets of the generation before the current one, or null when there is none.</summary>
    public async Task<IReadOnlyList<DeploymentTarget>?> PreviousTargetsAsync(DeploymentRecord deployment, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var previous = await c.ExecuteScalarAsync<long?>(new CommandDefinition(DeploymentSql.PreviousGeneration, new { deployment.Id, deployment.Generation }, cancellationToken: ct));
        if (previous is null) return null;
        return (await c.QueryAsync<DeploymentTarget>(new CommandDefinition(DeploymentSql.Targets, new { deployment.Id, Generation = previous }, cancellationToken: ct))).ToList();
    }

    /// <summary>Records a change that was refused (a version that failed to load), so the trail shows the attempt.</summary>
    public Task AuditFailureAsync(string action, string deployment, string reason, AuditActor actor, CancellationToken ct = default) =>
        audit.AppendAsync(actor, new AuditEvent(action, "deployment", deployment, AuditOutcomes.Failure, new { reason }), ct);

    private static async Task InsertTargetsAsync(DbConnection c, DbTransaction tx, long deploymentId, string deployment, long generation,
        IReadOnlyList<DeploymentTarget> targets, AuditActor actor, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var t in targets)
        {
            await c.ExecuteAsync(new CommandDefinition(DeploymentSql.InsertTarget, new
            {
                DeploymentId = deploymentId, Generation = generation, t.Model, t.Version, t.RunId, t.ModelPath, t.Sha256, t.SnapshotId, t.Weight, Now = now,
            }, tx, cancellationToken: ct));
            // One edge per version ever served: a redeploy of a version served before keeps the first time and actor.
            await LineageRecorder.RecordAsync(c, tx, new LineageEdge(LineageNodeTypes.ModelVersion, LineageIds.ModelVersion(t.Model, t.Version),
                LineageNodeTypes.Deployment, deployment, LineageEdgeKinds.DeployedAs, now, actor.Name), ct);
        }
        // The deploy as an OpenLineage run: the versions in, the deployment at this generation out.
        await OpenLineageOutbox.AddCompletedRunAsync(c, tx, LineageIds.Key(LineageNodeTypes.Deployment, deployment) + "/" + LineageIds.Number(generation),
            "deploy/" + deployment, DateTimeOffset.FromUnixTimeMilliseconds(now),
            [.. targets.Select(t => new OpenLineageDataset(LineageIds.Key(LineageNodeTypes.ModelVersion, LineageIds.ModelVersion(t.Model, t.Version))))],
            [new(LineageIds.Key(LineageNodeTypes.Deployment, deployment), LineageIds.Number(generation))], ct);
    }

    private static object[] Describe(IReadOnlyList<DeploymentTarget> targets) =>
        [.. targets.Select(t => new { t.Model, t.Version, t.RunId, t.Sha256, t.Weight })];


}
