using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Deployments;

public sealed partial class DeploymentStore
{
    /// <summary>
    /// Stops, starts or scales a deployment: sets its status and engines per process, bumps its revision (serving
    /// processes poll it) and writes <paramref name="action"/> to the audit trail, in one transaction. Only from the revision in
    /// <paramref name="current"/>: null when another change came first, and then nothing is written.
    /// </summary>
    public Task<DeploymentRecord?> SetLifecycleAsync(DeploymentRecord current, string status, int enginesPerProcess, string action, AuditActor actor,
        CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var moved = await c.ExecuteAsync(new CommandDefinition(DeploymentSql.SetLifecycle,
                new { current.Id, current.Revision, Status = status, EnginesPerProcess = enginesPerProcess, Now }, tx, cancellationToken: ct));
            if (moved == 0) return ((DeploymentRecord?)null, (AuditEvent?)null);
            var updated = await c.QuerySingleAsync<DeploymentRecord>(new CommandDefinition(DeploymentSql.GetByName, new { current.Name }, tx, cancellationToken: ct));
            return (updated, new AuditEvent(action, "deployment", current.Name, Details: new
            {
                from = new { current.Status, current.EnginesPerProcess },
                to = new { updated.Status, updated.EnginesPerProcess },
                updated.Revision,
            }));
        }, ct);
}
