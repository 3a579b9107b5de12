using Dapper;
using Telco.InsightPortal.Data.Audit;
using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>Cancelling goes through the store, so any instance can cancel any run: a queued run is killed at once,
/// a running one gets a request that its owner acts on.</summary>
public sealed partial class TrackingStore
{
    /// <summary>Kills the run if it is still queued, or records <paramref name="actor"/>'s request to stop it if it
    /// trains — one or the other, atomically, whatever an instance claiming it at the same moment does.</summary>
    public Task<CancelRequestResult> RequestCancelAsync(string runId, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var request = new { RunId = runId, By = ActorJson.Write(actor), Now };
            if (await c.ExecuteAsync(Command(RunLeaseSql.KillQueued, request, tx, ct)) == 1)
                return (new CancelRequestResult(CancelRequestOutcome.Killed, "KILLED", null),
                    new AuditEvent("run.status", "run", runId, Details: new { before = "SCHEDULED", after = "KILLED" }));
            var requested = await c.ExecuteAsync(Command(RunLeaseSql.RequestCancel, request, tx, ct)) == 1;
            var lease = await LeaseOfAsync(c, tx, runId, ct) ?? throw TrackingException.NotFound($"Run with id={runId} not found");
            if (requested)
                return (new CancelRequestResult(CancelRequestOutcome.Requested, lease.Status, lease.Owner),
                    new AuditEvent("run.cancel", "run", runId, Details: new { owner = lease.Owner }));
            var outcome = lease.Status is "SCHEDULED" or "RUNNING" ? CancelRequestOutcome.Pending : CancelRequestOutcome.Ended;
            return (new CancelRequestResult(outcome, lease.Status, lease.Owner), (AuditEvent?)null);
        }, ct);

    /// <summary>The runs <paramref name="owner"/> trains that someone asked to cancel: a read, polled often so that a
    /// cancel sent to another instance reaches the owner long before its next heartbeat.</summary>
    public Task<IReadOnlyList<HeldRun>> CancelRequestsAsync(string owner, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<HeldRun>>(async c =>
            (await c.QueryAsync<(string RunId, string? CancelRequestedBy)>(Command(RunLeaseSql.CancelRequestsOf, new { Owner = owner }, null, ct)))
                .Select(r => new HeldRun(r.RunId, ActorJson.Read(r.CancelRequestedBy))).ToList(), ct);
}
