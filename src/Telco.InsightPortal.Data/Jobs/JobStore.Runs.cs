using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Audit;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Jobs;

/// <summary>Runs: queued with their steps, claimed by one instance, beating while they run, finished once.</summary>
public sealed partial class JobStore
{
    /// <summary>Queues a run and its steps (all <c>queued</c>) with the <c>job.run.queue</c> entry; the id, or null for a
    /// retry of a run that already has one (another instance queued it first).</summary>
    public Task<long?> QueueAsync(JobRunRequest request, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            if (request.RetryOf is { } of && await c.ExecuteScalarAsync<long>(Command(JobSql.HasRetry, new { Id = of }, tx, ct)) > 0)
                return ((long?)null, (AuditEvent?)null);
            var now = Now();
            var id = await c.ExecuteScalarAsync<long>(Command(JobSql.InsertRun, new
            {
                JobName = request.Definition.Name, request.JobVersion, Definition = JobDefinitionWriter.Write(request.Definition),
                request.Trigger, request.RequestedBy, Attempt = (long)request.Attempt, request.RetryOf, request.UpstreamRun, Now = now,
                NotBefore = request.NotBefore?.ToUnixTimeMilliseconds() ?? now,
            }, tx, ct));
            for (var i = 0; i < request.Definition.Steps.Count; i++)
            {
                var step = request.Definition.Steps[i];
                var reused = request.Reused?.GetValueOrDefault(i);
                await c.ExecuteAsync(Command(JobSql.InsertStep, new
                {
                    RunId = id, Idx = (long)i, step.Name, step.Kind, Status = reused is null ? JobRunStatus.Queued : JobRunStatus.Succeeded,
                    Outputs = reused, Log = reused is null ? "" : $"Succeeded in run {request.RetryOf}; its outputs are reused.\n",
                }, tx, ct));
            }
            return ((long?)id, (AuditEvent?)new AuditEvent("job.run.queue", "job-run", Key(id), Details: new
            {
                job = request.Definition.Name, trigger = request.Trigger, attempt = request.Attempt, retryOf = request.RetryOf,
                upstreamRun = request.UpstreamRun,
            }));
        }, ct);

    public Task<(JobRunRecord Run, IReadOnlyList<JobStepRecord> Steps)?> RunAsync(long id, CancellationToken ct = default) =>
        _db.ReadAsync<(JobRunRecord, IReadOnlyList<JobStepRecord>)?>(async c =>
        {
            var run = await c.QuerySingleOrDefaultAsync<JobRunRecord>(Command(JobSql.Run, new { Id = id }, null, ct));
            if (run is null) return null;
            return (run, (await c.QueryAsync<JobStepRecord>(Command(JobSql.Steps, new { Id = id }, null, ct))).AsList());
        }, ct);

    /// <summary>A job's runs (or every job's when <paramref name="job"/> is null), newest first, older than <paramref name="before"/>.</summary>
    public Task<IReadOnlyList<JobRunRecord>> RunsAsync(string? job, int limit, long? before = null, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<JobRunRecord>>(async c => (await c.QueryAsync<JobRunRecord>(Command(job is null ? JobSql.RecentRuns : JobSql.Runs,
            new { Name = job, Limit = (long)Math.Clamp(limit, 1, 500), Before = before ?? long.MaxValue }, null, ct))).AsList(), ct);

    /// <summary>Moves a queued run to running on <paramref name="node"/>; null when another instance has it, it was
    /// cancelled, or it is not queued.</summary>
    public Task<JobRunRecord?> ClaimAsync(long id, string node, CancellationToken ct = default) =>
        _db.WriteAsync(null, async (c, tx) =>
        {
            var claimed = await c.ExecuteAsync(Command(JobSql.Claim, new { Id = id, Node = node, Now = Now() }, tx, ct)) == 1;
            var run = claimed ? await c.QuerySingleAsync<JobRunRecord>(Command(JobSql.Run, new { Id = id }, tx, ct)) : null;
            if (run is not null) await JobRunEventAsync(c, tx, id, run.JobName, OpenLineageRunEvent.Start, ct);
            return (run, (AuditEvent?)null);
        }, ct);

    /// <summary>Marks the run alive; true when a cancellation has been asked for.</summary>
    public Task<bool> HeartbeatAsync(long id, string node, CancellationToken ct = default) =>
        _db.WriteAsync(null, async (c, tx) =>
        {
            await c.ExecuteAsync(Command(JobSql.Heartbeat, new { Id = id, Node = node, Now = Now() }, tx, ct));
            return (await c.ExecuteScalarAsync<long>(Command(JobSql.CancelRequested, new { Id = id }, tx, ct)) != 0, (AuditEvent?)null);
        }, ct);

    public Task StartStepAsync(long id, int idx, CancellationToken ct = default) =>
        _db.WriteAsync(null, async (c, tx) => (await c.ExecuteAsync(Command(JobSql.StartStep, new { Id = id, Idx = (long)idx, Now = Now() }, tx, ct)), (AuditEvent?)null), ct);

    public Task WriteLogAsync(long id, int idx, string log, CancellationToken ct = default) =>
        _db.WriteAsync(null, async (c, tx) => (await c.ExecuteAsync(Command(JobSql.WriteLog, new { Id = id, Idx = (long)idx, Log = log }, tx, ct)), (AuditEvent?)null), ct);

    public Task FinishStepAsync(long id, int idx, string status, string? outputs, string? error, string log, CancellationToken ct = default) =>
        _db.WriteAsync(null, async (c, tx) => (await c.ExecuteAsync(Command(JobSql.FinishStep,
            new { Id = id, Idx = (long)idx, Status = status, Now = Now(), Outputs = outputs, Error = error, Log = log }, tx, ct)), (AuditEvent?)null), ct);

    /// <summary>Ends a running run with its <c>job.run.finish</c> entry; steps it did not reach are marked skipped.
    /// False when it was not running (another path ended it first).</summary>
    public Task<bool> FinishAsync(long id, string job, string status, string? error, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var now = Now();
            if (await c.ExecuteAsync(Command(JobSql.FinishRun, new { Id = id, Status = status, Now = now, Error = error }, tx, ct)) == 0)
                return (false, (AuditEvent?)null);
            await c.ExecuteAsync(Command(JobSql.CloseSteps, new { Id = id, Now = now, Running = status }, tx, ct));
            await JobRunEventAsync(c, tx, id, job, status switch
            {
                JobRunStatus.Succeeded => OpenLineageRunEvent.Complete,
                JobRunStatus.Cancelled => OpenLineageRunEvent.Abort,
                _ => OpenLineageRunEvent.Fail,
            }, ct);
            var outcome = status == JobRunStatus.Succeeded ? AuditOutcomes.Success : AuditOutcomes.Failure;
            return (true, new AuditEvent("job.run.finish", "job-run", Key(id), outcome, new { job, status, error }));
        }, ct);

    /// <summary>Marks a run whose process stopped as interrupted (its running step too); false when it was not running.</summary>
    public Task<bool> InterruptAsync(long id, string job, string reason, CancellationToken ct = default) =>
        _db.WriteAsync(AuditActor.System, async (c, tx) =>
        {
            var now = Now();
            if (await c.ExecuteAsync(Command(JobSql.Interrupt, new { Id = id, Now = now, Error = reason }, tx, ct)) == 0)
                return (false, (AuditEvent?)null);
            await c.ExecuteAsync(Command(JobSql.CloseSteps, new { Id = id, Now = now, Running = JobRunStatus.Interrupted }, tx, ct));
            await JobRunEventAsync(c, tx, id, job, OpenLineageRunEvent.Fail, ct);
            return (true, new AuditEvent("job.run.interrupt", "job-run", Key(id), AuditOutcomes.Failure, new { job, reason }));
        }, ct);

    /// <summary>Cancels a queued run at once, or asks the instance running it to stop (it checks at every heartbeat).
    /// False when the run has finished.</summary>
    public Task<bool> CancelAsync(long id, AuditActor actor, CancellationToken ct = default) =>
        _db.WriteAsync(actor, async (c, tx) =>
        {
            var now = Now();
            var queued = await c.ExecuteAsync(Command(JobSql.CancelQueued, new { Id = id, Now = now, Error = $"Cancelled by {actor.Name} before it started." }, tx, ct)) == 1;
            if (queued) await c.ExecuteAsync(Command(JobSql.CloseSteps, new { Id = id, Now = now, Running = JobRunStatus.Cancelled }, tx, ct));
            var asked = queued || await c.ExecuteAsync(Command(JobSql.RequestCancel, new { Id = id }, tx, ct)) == 1;
            return (asked, asked ? new AuditEvent("job.run.cancel", "job-run", Key(id), Details: new { queued }) : null);
        }, ct);

    /// <summary>Running runs whose heartbeat is older than <paramref name="before"/>.</summary>
    public Task<IReadOnlyList<JobRunRecord>> StaleAsync(DateTimeOffset before, CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<JobRunRecord>>(async c => (await c.QueryAsync<JobRunRecord>(Command(JobSql.Stale,
            new { Before = before.ToUnixTimeMilliseconds() }, null, ct))).AsList(), ct);

    /// <summary>Queued runs whose start time has come.</summary>
    public Task<IReadOnlyList<JobRunRecord>> DueAsync(CancellationToken ct = default) =>
        _db.ReadAsync<IReadOnlyList<JobRunRecord>>(async c => (await c.QueryAsync<JobRunRecord>(Command(JobSql.Due, new { Now = Now() }, null, ct))).AsList(), ct);

    /// <summary>The run's OpenLineage event, in the transaction that starts or ends it: START when claimed, COMPLETE,
    /// FAIL (failed or interrupted) or ABORT (cancelled) when it ends. Runs never claimed have none.</summary>
    private Task JobRunEventAsync(DbConnection c, DbTransaction tx, long id, string job, string type, CancellationToken ct) =>
        OpenLineageOutbox.AddAsync(c, tx, new OpenLineageRunEvent(type, OpenLineageRunEvent.RunIdFor(LineageIds.Key(LineageNodeTypes.JobRun, Key(id))),
            "job/" + job, clock.GetUtcNow(), [], []), ct);
}
