using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Each instance's safety net under Quartz: at start it makes Quartz's jobs and schedules match the saved jobs; then,
/// every few seconds, it interrupts runs whose instance stopped beating (and queues their retries) and gives a
/// trigger to any due queued run that has none (its instance died between queueing and triggering). Every step of
/// it is idempotent, so any number of instances can sweep at once.
/// </summary>
public sealed class JobSweeper(JobStore store, JobScheduler scheduler, JobRunner runner, IOptions<JobsOptions> options, TimeProvider clock,
    ILogger<JobSweeper> log) : BackgroundService
{
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobs) return;
        try
        {
            await ReconcileAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepSeconds)), clock);
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "The job sweep failed; it runs again in {Seconds} s.", options.Value.SweepSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
        {
            // The portal stopped while the sweep was starting Quartz.
        }
    }

    public async Task ReconcileAsync(CancellationToken ct)
    {
        var saved = await store.ListAsync(ct);
        foreach (var job in saved) await scheduler.SyncAsync(JobDefinitionParser.Parse(job.Job.Body), ct);
        var quartz = await (await scheduler.SchedulerAsync(ct)).GetJobKeys(Quartz.Impl.Matchers.GroupMatcher<Quartz.JobKey>.GroupEquals(JobScheduler.Group), ct);
        foreach (var key in quartz.Where(k => saved.All(s => s.Job.Name != k.Name))) await scheduler.RemoveAsync(key.Name, ct);
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var stale = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.StaleAfterSeconds);
        foreach (var run in await store.StaleAsync(stale, ct))
            await runner.InterruptAsync(run, $"Its instance ({run.Node}) stopped beating; last heartbeat {DateTimeOffset.FromUnixTimeMilliseconds(run.HeartbeatAt ?? 0):u}.", ct);
        foreach (var run in await store.DueAsync(ct))
        {
            if (!await scheduler.HasTriggerAsync(run.Id, ct))
            {
                await scheduler.TriggerAsync(run.JobName, run.Id, null, ct);
                continue;
            }
            // Seen on a busy single-instance store: Quartz kept a run "blocked" behind an execution of its job that had
            // ended. Nothing runs the job here, so the run is started directly; its claim still lets it run only once.
            if (clock.GetUtcNow().ToUnixTimeMilliseconds() - run.NotBefore < StuckAfter.TotalMilliseconds) continue;
            if (!await scheduler.IsStuckAsync(run.JobName, run.Id, ct)) continue;
            log.LogWarning("Job {Job}: run {RunId} was held back by the scheduler with nothing running; starting it directly.", run.JobName, run.Id);
            _ = Task.Run(() => runner.ExecuteAsync(run.Id, ct), CancellationToken.None);
        }
    }
}
