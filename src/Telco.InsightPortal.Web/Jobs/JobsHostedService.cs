using Microsoft.Extensions.Options;
using Quartz;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Starts this instance's Quartz scheduler (unless <see cref="JobsOptions.RunJobs"/> is off: then it only reads and
/// writes schedules) and, on shutdown, interrupts the runs it is executing and waits for them to record that, so a
/// clean stop leaves each run interrupted (and its retry queued), never "running".
/// </summary>
public sealed class JobsHostedService(ISchedulerFactory factory, IOptions<JobsOptions> options, ILogger<JobsHostedService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunJobs) return;
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        log.LogInformation("Job scheduler started as instance {Instance}.", scheduler.SchedulerInstanceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        if (scheduler.IsShutdown) return;
        // Shut down even when never started: Quartz keeps schedulers in a process-wide repository until then.
        await scheduler.Standby(cancellationToken);
        foreach (var running in await scheduler.GetCurrentlyExecutingJobs(cancellationToken))
            await scheduler.Interrupt(running.FireInstanceId, cancellationToken);
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}
