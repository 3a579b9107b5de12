using Microsoft.Extensions.Options;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// Starts this instance's Quartz scheduler (unless <see cref="JobsOptions.RunJobs"/> is off: then it only reads and
/// writes schedules) and, on shutdown, interrupts the runs it is executing and waits for them to record that, so a
/// clean stop leaves each run interrupted (and its retry queued), never "running".
/// </summary>
public sealed class JobsHostedService(JobScheduler scheduler, IOptions<JobsOptions> options, ILogger<JobsHostedService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunJobs) return;
        var quartz = await scheduler.SchedulerAsync(cancellationToken);
        await quartz.Start(cancellationToken);
        log.LogInformation("Job scheduler started as instance {Instance} of {Scheduler}.", quartz.SchedulerInstanceId, quartz.SchedulerName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.ShutdownAsync();
}
