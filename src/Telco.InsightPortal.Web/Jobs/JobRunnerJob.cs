using System.Globalization;
using Quartz;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// What Quartz fires for every portal job. A run trigger carries the run to execute; a cron trigger carries none, so
/// a scheduled run is queued and fired through its own trigger. When Quartz re-fires a run because the instance
/// running it died (<see cref="IJobExecutionContext.Recovering"/>), the run is marked interrupted and retried per
/// its policy instead of being run on top of itself.
/// </summary>
[DisallowConcurrentExecution]
public sealed class JobRunnerJob(JobRunner runner) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        var job = context.JobDetail.Key.Name;
        var data = context.MergedJobDataMap;
        long? runId = data.ContainsKey(JobScheduler.RunIdKey)
            ? long.Parse(data.GetString(JobScheduler.RunIdKey)!, CultureInfo.InvariantCulture)
            : null;
        if (runId is null)
        {
            // A schedule fired (or its recovery): queue the run; its own trigger runs it once this execution ends.
            if (!context.Recovering) await runner.QueueScheduledAsync(job, context.ScheduledFireTimeUtc, context.CancellationToken);
            return;
        }
        if (context.Recovering) await runner.RecoverAsync(runId.Value, context.CancellationToken);
        else await runner.ExecuteAsync(runId.Value, context.CancellationToken);
    }
}
