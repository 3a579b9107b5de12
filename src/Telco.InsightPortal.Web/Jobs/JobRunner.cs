using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Web.Jobs.Kinds;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Executes runs: claims one (so no other instance runs it), runs its steps in order with their conditions, a pulse
/// that writes the live log and the heartbeat and notices a cancellation, the job's timeout, and then ends it once —
/// succeeded, failed, cancelled or interrupted (the process is stopping). A failed or interrupted run is retried per
/// its policy with back-off, reusing the outputs of the steps that had succeeded, so a retry does not redo them; a
/// succeeded one queues the jobs that run after it.
/// </summary>
public sealed class JobRunner(JobStore store, JobService jobs, JobScheduler scheduler, IEnumerable<IJobKind> kinds, IOptions<JobsOptions> options,
    TimeProvider clock, ILogger<JobRunner> log)
{
    private readonly Dictionary<string, IJobKind> _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>This instance, as runs record it.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public async Task QueueScheduledAsync(string job, DateTimeOffset? at, CancellationToken ct)
    {
        var record = await store.GetAsync(job, ct);
        if (record is null || !record.Enabled) return;
        var definition = JobDefinitionParser.Parse(record.Body);
        var id = await store.QueueAsync(new JobRunRequest(definition, record.Version, JobRunTrigger.Schedule,
            $"schedule {definition.Schedule}"), AuditActor.System, ct);
        if (id is { } runId) await scheduler.TriggerAsync(job, runId, null, ct);
        log.LogInformation("Job {Job}: scheduled run {RunId} queued for {At}.", job, id, at);
    }

    /// <summary>Quartz re-fired a run whose instance died: a run never claimed runs now; one that was running is
    /// interrupted and retried per its policy.</summary>
    public async Task RecoverAsync(long runId, CancellationToken ct)
    {
        if (await store.RunAsync(runId, ct) is not { } found) return;
        if (found.Run.Status == JobRunStatus.Queued)
        {
            await ExecuteAsync(runId, ct);
            return;
        }
        await InterruptAsync(found.Run, "The instance running it stopped before it finished.", ct);
    }

    /// <summary>Marks a run whose instance is gone as interrupted and queues its retry, if its policy has one left.</summary>
    public async Task InterruptAsync(JobRunRecord run, string reason, CancellationToken ct)
    {
        var interrupted = await store.InterruptAsync(run.Id, run.JobName, reason, ct);
        if (interrupted) log.LogWarning("Job {Job}: run {RunId} interrupted: {Reason}", run.JobName, run.Id, reason);
        if (interrupted || (await store.RunAsync(run.Id, ct))?.Run.Status == JobRunStatus.Interrupted)
            await RetryAsync(run, ct);
    }

    public async Task ExecuteAsync(long runId, CancellationToken stopping)
    {
        var run = await store.ClaimAsync(runId, Node, stopping);
        if (run is null) return; // cancelled, or claimed by another instance
        var definition = JobDefinitionParser.Parse(run.Definition);
        var steps = (await store.RunAsync(runId, stopping))!.Value.Steps;
        using var cancelled = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource(definition.Timeout);
        using var any = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancelled.Token, timeout.Token);
        var current = new CurrentStep();
        using var pulse = new CancellationTokenSource();
        var pulsing = PulseAsync(run, current, cancelled, pulse.Token);
        var (status, error) = (JobRunStatus.Succeeded, (string?)null);
        try
        {
            (status, error) = await RunStepsAsync(run, definition, steps, current, any.Token);
        }
        catch (OperationCanceledException) when (any.IsCancellationRequested)
        {
            (status, error) = cancelled.IsCancellationRequested ? (JobRunStatus.Cancelled, "Cancelled while it ran.")
                : timeout.IsCancellationRequested ? (JobRunStatus.Failed, $"Timed out after {definition.Timeout.TotalMinutes:0} minutes.")
                : (JobRunStatus.Interrupted, "The portal instance running it shut down.");
            await FinishStepAsync(run, current, status == JobRunStatus.Cancelled ? JobRunStatus.Cancelled : status, null, error);
        }
        finally
        {
            await pulse.CancelAsync();
            await pulsing;
        }
        // The end is written even while the instance stops: a run must not stay "running" behind a clean shutdown.
        if (status == JobRunStatus.Interrupted)
        {
            await InterruptAsync(run, error!, CancellationToken.None);
            return;
        }
        await store.FinishAsync(run.Id, run.JobName, status, error, JobStepContext.ActorFor(run.JobName, run.Id), CancellationToken.None);
        log.LogInformation("Job {Job}: run {RunId} {Status}{Error}.", run.JobName, run.Id, status, error is null ? "" : ": " + error);
        if (status == JobRunStatus.Failed) await RetryAsync(run, CancellationToken.None);
        if (status == JobRunStatus.Succeeded) await QueueDependentsAsync(run, CancellationToken.None);
    }

    private async Task<(string Status, string? Error)> RunStepsAsync(JobRunRecord run, JobDefinition definition, IReadOnlyList<JobStepRecord> records,
        CurrentStep current, CancellationToken ct)
    {
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            if (records[i].Status == JobRunStatus.Succeeded)
            {
                outputs[step.Name] = JobOutputs.Read(records[i].Outputs); // reused from the run this one retries
                continue;
            }
            current.Begin(i, new StepLog(clock));
            if (step.When is { } when && when.Evaluate(outputs) is { Holds: false } skip)
            {
                current.Log.Append("Skipped: " + skip.Because);
                await FinishStepAsync(run, current, JobRunStatus.Skipped, null, null);
                continue;
            }
            await store.StartStepAsync(run.Id, i, ct);
            if (step.When is not null) current.Log.Append("Runs: " + step.When.Evaluate(outputs).Because);
            try
            {
                var kind = _kinds.GetValueOrDefault(step.Kind) ?? throw new JobStepException($"This portal cannot run '{step.Kind}' steps.");
                var context = new JobStepContext(run.JobName, run.Id, (int)run.Attempt, step.Name, new StepParameters(step, outputs),
                    JobStepContext.ActorFor(run.JobName, run.Id), current.Log.Append);
                var result = await kind.RunAsync(context, ct);
                outputs[step.Name] = result;
                await FinishStepAsync(run, current, JobRunStatus.Succeeded, JobOutputs.Write(result), null);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Cancelled, timed out or shutting down: the caller words which; kinds may wrap the cancellation.
                throw new OperationCanceledException($"Step '{step.Name}' was stopped.", ct);
            }
            catch (Exception e)
            {
                var reason = e is JobStepException or Core.Errors.PortalException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                current.Log.Append("Failed: " + reason);
                if (e is not JobStepException) log.LogError(e, "Job {Job}: run {RunId} step {Step} failed.", run.JobName, run.Id, step.Name);
                await FinishStepAsync(run, current, JobRunStatus.Failed, null, reason);
                return (JobRunStatus.Failed, $"Step '{step.Name}' failed: {reason}");
            }
        }
        return (JobRunStatus.Succeeded, null);
    }

    private async Task FinishStepAsync(JobRunRecord run, CurrentStep current, string status, string? outputs, string? error)
    {
        if (current.Index < 0) return;
        await store.FinishStepAsync(run.Id, current.Index, status, outputs, error, current.Log.Text, CancellationToken.None);
        current.End();
    }

    /// <summary>Every second: the running step's log when it changed; every heartbeat: "alive", and whether someone
    /// asked to cancel (from any instance).</summary>
    private async Task PulseAsync(JobRunRecord run, CurrentStep current, CancellationTokenSource cancel, CancellationToken ct)
    {
        var beat = TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds));
        var lastBeat = clock.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (current.Index >= 0 && current.Log.TakeChange() is { } text) await store.WriteLogAsync(run.Id, current.Index, text, ct);
                if (clock.GetUtcNow() - lastBeat < beat) continue;
                lastBeat = clock.GetUtcNow();
                if (await store.HeartbeatAsync(run.Id, Node, ct) && !cancel.IsCancellationRequested)
                {
                    current.Log.Append("Cancellation requested; stopping.");
                    await cancel.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A store hiccup must not kill the run; the next sweep would see a stale heartbeat only if it lasts.
            log.LogWarning(e, "Job {Job}: run {RunId}: the pulse failed.", run.JobName, run.Id);
        }
    }

    /// <summary>Queues the next attempt of a failed or interrupted run, if its policy has one left, after the
    /// back-off; the steps that succeeded are carried over with their outputs.</summary>
    private async Task RetryAsync(JobRunRecord run, CancellationToken ct)
    {
        var definition = JobDefinitionParser.Parse(run.Definition);
        var next = (int)run.Attempt + 1;
        if (next > definition.Retry.MaxAttempts) return;
        var at = clock.GetUtcNow() + definition.Retry.DelayBefore(next);
        var steps = (await store.RunAsync(run.Id, ct))!.Value.Steps;
        var reused = steps.Where(s => s.Status == JobRunStatus.Succeeded).ToDictionary(s => (int)s.Idx, s => s.Outputs ?? "{}");
        var id = await store.QueueAsync(new JobRunRequest(definition, run.JobVersion, JobRunTrigger.Retry, run.RequestedBy, next, run.Id,
            run.UpstreamRun, at, reused), AuditActor.System, ct);
        if (id is not { } retry) return;
        log.LogInformation("Job {Job}: run {RunId} will be retried as run {Retry} (attempt {Attempt}) at {At}.", run.JobName, run.Id, retry, next, at);
        await scheduler.TriggerAsync(run.JobName, retry, at, ct);
    }

    private async Task QueueDependentsAsync(JobRunRecord run, CancellationToken ct)
    {
        foreach (var (record, job) in (await jobs.DependentsAsync(run.JobName, ct)).Where(d => d.Record.Enabled))
        {
            var id = await store.QueueAsync(new JobRunRequest(job, record.Version, JobRunTrigger.Dependency,
                $"after {run.JobName} run {run.Id}", UpstreamRun: run.Id), AuditActor.System, ct);
            if (id is { } queued) await scheduler.TriggerAsync(record.Name, queued, null, ct);
        }
    }

    /// <summary>The step the pulse writes the log of (-1 between steps).</summary>
    private sealed class CurrentStep
    {
        public int Index { get; private set; } = -1;

        public StepLog Log { get; private set; } = new(TimeProvider.System);

        public void Begin(int index, StepLog log) => (Index, Log) = (index, log);

        public void End() => Index = -1;
    }
}
