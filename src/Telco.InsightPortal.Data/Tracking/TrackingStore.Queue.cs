using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Audit;
using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>The embedded trainer's queue is the store: a run waits SCHEDULED with its request, and whichever portal
/// instance claims it first trains it.</summary>
public sealed partial class TrackingStore
{
    /// <summary>How many of the oldest queued runs a claim tries before giving up until the next poll.</summary>
    private const int ClaimCandidates = 8;

    /// <summary>Records a run of the embedded trainer as SCHEDULED, with its tags, its inputs and what the trainer needs
    /// (<paramref name="request"/>, JSON), in one transaction: from the commit on, any instance may claim it. The caller
    /// names the run so that it can start the run's log before the run can be claimed.</summary>
    public Task<Run> QueueRunAsync(string runId, long experimentId, IReadOnlyList<TrackingTag> tags, IReadOnlyList<DatasetInput> inputs,
        string request, AuditActor actor, CancellationToken ct = default)
    {
        CheckTags(tags);
        CheckInputs(inputs);
        return _db.WriteAsync(actor, async (c, tx) =>
        {
            var info = await InsertRunAsync(c, tx, runId, experimentId, actor.Name, null, null, "SCHEDULED", tags, ct);
            await InsertInputsAsync(c, tx, runId, experimentId, inputs, Now, actor.Name, ct);
            await OpenLineageOutbox.AddAsync(c, tx, new OpenLineageRunEvent(OpenLineageRunEvent.Start, OpenLineageRunEvent.RunIdFor(runId),
                JobName(experimentId), clock.GetUtcNow(), [.. inputs.Select(i => i.Dataset).Where(d => PortalSnapshotId(d) is not null)
                    .Select(d => new OpenLineageDataset(LineageIds.Key(LineageNodeTypes.Dataset, d.Name), LineageIds.Number(PortalSnapshotId(d)!.Value)))], []), ct);
            await c.ExecuteAsync(Command(RunLeaseSql.InsertRequest,
                new { RunId = runId, QueuedAt = Now, Request = request, Actor = ActorJson.Write(actor) }, tx, ct));
            var run = await LoadAsync(c, tx, info, ct);
            return (run, new AuditEvent("run.create", "run", runId, Details: new { experimentId, name = info.RunName, status = info.Status }));
        }, ct);
    }

    /// <summary>Claims the oldest queued run for <paramref name="owner"/>: it becomes RUNNING with a lease of
    /// <paramref name="lease"/>, audited with whoever queued it as the actor. Null when nothing is queued, or when other
    /// instances took every candidate first.</summary>
    public async Task<ClaimedRun?> ClaimNextRunAsync(string owner, TimeSpan lease, CancellationToken ct = default)
    {
        var candidates = await _db.ReadAsync(async c => (await c.QueryAsync<(string RunId, string Request, string Actor)>(
            Command(RunLeaseSql.QueuedCandidates, new { Limit = ClaimCandidates }, null, ct))).ToList(), ct);
        foreach (var (runId, request, actorJson) in candidates)
        {
            var queuedBy = ActorJson.Read(actorJson) ?? AuditActor.System;
            var claimed = await _db.WriteAsync(queuedBy, async (c, tx) =>
            {
                var expiresAt = await StoreNowAsync(c, tx, ct) + (long)lease.TotalMilliseconds;
                if (await c.ExecuteAsync(Command(RunLeaseSql.Claim, new { RunId = runId, Owner = owner, ExpiresAt = expiresAt }, tx, ct)) == 0)
                    return (false, null);
                return (true, new AuditEvent("run.status", "run", runId, Details: new { before = "SCHEDULED", after = "RUNNING", owner }));
            }, ct);
            if (claimed) return new ClaimedRun(runId, request, queuedBy);
        }
        return null;
    }
}
