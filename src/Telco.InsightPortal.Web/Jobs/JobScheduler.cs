using System.Globalization;
using Quartz;
using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// The portal's jobs as Quartz sees them: one durable, recoverable Quartz job per portal job (so Quartz never runs
/// one twice at once, on any instance), a cron trigger for its schedule, and a one-shot trigger per queued run
/// (<c>run-&lt;id&gt;</c>, carrying the run id) — all in Quartz's tables, so they survive restarts and are shared by the
/// instances of a cluster.
/// </summary>
public sealed class JobScheduler(ISchedulerFactory factory, ILoggerFactory loggers)
{
    public const string Group = "portal-jobs";
    public const string RunIdKey = "runId";

    public static JobKey KeyOf(string job) => new(job, Group);

    public static TriggerKey CronKeyOf(string job) => new("cron-" + job, Group);

    public static TriggerKey RunKeyOf(long runId) => new("run-" + runId.ToString(CultureInfo.InvariantCulture), Group);

    private volatile IScheduler? _created;

    public async Task<IScheduler> SchedulerAsync(CancellationToken ct = default)
    {
        if (_created is { } made) return made;
        QuartzLogging.Bind(loggers);
        return _created = await factory.GetScheduler(ct);
    }

    /// <summary>Interrupts the runs this instance executes (each records itself as interrupted) and shuts the
    /// scheduler down — only if it was ever made: a portal stopping before it touched Quartz has nothing to stop.</summary>
    public async Task ShutdownAsync()
    {
        // The scheduler this portal made, not a fresh look-up: asking the factory again while the host is going away
        // would make one on a disposed container.
        if (_created is not { IsShutdown: false } scheduler) return;
        try
        {
            await scheduler.Standby(CancellationToken.None);
            foreach (var running in await scheduler.GetCurrentlyExecutingJobs(CancellationToken.None))
                await scheduler.Interrupt(running.FireInstanceId, CancellationToken.None);
            // Shut down even when never started: Quartz keeps schedulers in a process-wide repository until then.
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The host's services went first; the scheduler goes with the process.
        }
    }

    /// <summary>Makes Quartz's job and cron trigger match the saved definition.</summary>
    public async Task SyncAsync(JobDefinition job, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        var detail = JobBuilder.Create<JobRunnerJob>().WithIdentity(KeyOf(job.Name)).StoreDurably().RequestRecovery()
            .WithDescription(job.Description ?? job.Kind).Build();
        await scheduler.AddJob(detail, replace: true, storeNonDurableWhileAwaitingScheduling: true, ct);
        await scheduler.UnscheduleJob(CronKeyOf(job.Name), ct);
        if (job.Schedule is null || !job.Enabled) return;
        var cron = TriggerBuilder.Create().WithIdentity(CronKeyOf(job.Name)).ForJob(detail)
            .WithCronSchedule(job.Schedule, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
        await scheduler.ScheduleJob(cron, ct);
    }

    public async Task RemoveAsync(string job, CancellationToken ct = default) =>
        await (await SchedulerAsync(ct)).DeleteJob(KeyOf(job), ct);

    /// <summary>Fires run <paramref name="runId"/> of <paramref name="job"/> at <paramref name="at"/> (now when null).
    /// A trigger that exists already (another instance made it) is left as it is.</summary>
    public async Task TriggerAsync(string job, long runId, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        if (!await scheduler.CheckExists(KeyOf(job), ct)) return;
        var trigger = TriggerBuilder.Create().WithIdentity(RunKeyOf(runId)).ForJob(KeyOf(job))
            .UsingJobData(RunIdKey, runId.ToString(CultureInfo.InvariantCulture))
            .StartAt(at ?? DateTimeOffset.UtcNow)
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow())
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another path (the sweeper, another instance) scheduled it first: one trigger is what matters.
        }
    }

    /// <summary>Whether Quartz holds the run back as "blocked" behind an execution of its job that this instance is not
    /// running — only meaningful on one instance (not clustered), where no other instance could be running it.</summary>
    public async Task<bool> IsStuckAsync(string job, long runId, CancellationToken ct = default)
    {
        var scheduler = await SchedulerAsync(ct);
        if ((await scheduler.GetMetaData(ct)).JobStoreClustered) return false;
        if (await scheduler.GetTriggerState(RunKeyOf(runId), ct) != TriggerState.Blocked) return false;
        return (await scheduler.GetCurrentlyExecutingJobs(ct)).All(x => x.JobDetail.Key.Name != job);
    }

    public async Task<bool> HasTriggerAsync(long runId, CancellationToken ct = default) =>
        await (await SchedulerAsync(ct)).CheckExists(RunKeyOf(runId), ct);

    /// <summary>When the job's schedule fires next, or null when it has none (or it is disabled).</summary>
    public async Task<DateTimeOffset?> NextFireAsync(string job, CancellationToken ct = default)
    {
        var trigger = await (await SchedulerAsync(ct)).GetTrigger(CronKeyOf(job), ct);
        return trigger?.GetNextFireTimeUtc();
    }
}
