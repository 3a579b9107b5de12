using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Apps;

/// <summary>
/// Which deployment each hosted app scores through. Binding and unbinding are audited in the transaction that makes
/// them; whether the deployment fits the app is the caller's check (it needs the deployment's served schema).
/// </summary>
public sealed class AppBindingStore(IConnectionFactory factory, IAuditTrail audit, TimeProvider clock)
{
    private readonly StoreSession _db = new(factory, audit);

    public Task<IReadOnlyList<AppBinding>> ListAsync(CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<AppBinding>>(async c => (await c.QueryAsync<AppBinding>(StoreSession.Command(AppBindingSql.List, null, null, ct))).AsList(), ct);

    public Task<AppBinding?> GetAsync(string appId, CancellationToken ct = default) =>
        _db.ReadAsync(c => c.QuerySingleOrDefaultAsync<AppBinding>(StoreSession.Command(AppBindingSql.Get, new { AppId = appId }, null, ct)), ct);

    /// <summary>Binds (or rebinds) the app; null when the deployment does not exist, and then nothing is written.</summary>
    public Task<AppBinding?> BindAsync(string appId, string deployment, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var deploymentId = await c.ExecuteScalarAsync<long?>(StoreSession.Command(AppBindingSql.DeploymentId, new { Deployment = deployment }, tx, ct));
            if (deploymentId is null) return ((AppBinding?)null, (AuditEvent?)null);
            var before = await c.QuerySingleOrDefaultAsync<AppBinding>(StoreSession.Command(AppBindingSql.Get, new { AppId = appId }, tx, ct));
            await c.ExecuteAsync(StoreSession.Command(AppBindingSql.Upsert,
                new { AppId = appId, DeploymentId = deploymentId, BoundBy = actor.Name, Now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, tx, ct));
            var bound = await c.QuerySingleAsync<AppBinding>(StoreSession.Command(AppBindingSql.Get, new { AppId = appId }, tx, ct));
            await LineageRecorder.RecordAsync(c, tx, new LineageEdge(LineageNodeTypes.Deployment, bound.Deployment, LineageNodeTypes.App, appId,
                LineageEdgeKinds.BoundTo, bound.BoundAt, actor.Name), ct);
            return ((AppBinding?)bound, new AuditEvent("app.bind", "app", appId, Details: new { deployment, previous = before?.Deployment }));
        }, ct);

    /// <summary>Unbinds the app; false when it was not bound, and then nothing is written.</summary>
    public Task<bool> UnbindAsync(string appId, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<AppBinding>(StoreSession.Command(AppBindingSql.Get, new { AppId = appId }, tx, ct));
            if (before is null) return (false, (AuditEvent?)null);
            await c.ExecuteAsync(StoreSession.Command(AppBindingSql.Delete, new { AppId = appId }, tx, ct));
            return (true, new AuditEvent("app.unbind", "app", appId, Details: new { deployment = before.Deployment }));
        }, ct);
}
