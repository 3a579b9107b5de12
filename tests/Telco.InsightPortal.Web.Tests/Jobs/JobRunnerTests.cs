using Dapper;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Jobs;
using Telco.InsightPortal.Web.Tests.Jobs.Kinds;

namespace Telco.InsightPortal.Web.Tests.Jobs;

/// <summary>Runs through the real scheduler (Quartz on the portal's SQLite store) and the real kinds: steps in order
/// with conditions, outputs passed on, live logs, audited changes as the job; failures retried with back-off and
/// then given up; cancellation of a running step; jobs that run after another.</summary>
[Collection(nameof(KindsPortalCollection))]
public sealed class JobRunnerTests(KindsPortal portal)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private JobService Jobs => portal.Get<JobService>();

    [Fact]
    public async Task APipelineRunsItsStepsInOrderPassesOutputsOnAndSkipsAStepWhoseConditionFails()
    {
        var model = "runner-" + Guid.NewGuid().ToString("N")[..6];
        await Jobs.CreateAsync($$$"""
            {"name":"{{{model}}}","kind":"pipeline","steps":[
              {"name":"register","kind":"register","parameters":{"run":"{{{portal.RunId}}}","model":"{{{model}}}"}},
              {"name":"stage","kind":"promote","parameters":{"model":"$register.model","version":"$register.version","to":"challenger"},
               "when":{"output":"$register.version","op":">=","value":1}},
              {"name":"never","kind":"promote","parameters":{"model":"$register.model","version":"$register.version","to":"staging"},
               "when":{"output":"$register.version","op":">","value":100}}]}
            """, KindsPortal.Dora, TestContext.Current.CancellationToken);

        var id = await Jobs.RunAsync(model, null, KindsPortal.Dora, TestContext.Current.CancellationToken);
        var (run, steps) = await FinishedAsync(model, id);

        Assert.True(run.Status == JobRunStatus.Succeeded, run.Error);
        Assert.Equal([JobRunStatus.Succeeded, JobRunStatus.Succeeded, JobRunStatus.Skipped], steps.Select(s => s.Status));
        Assert.Equal(1L, JobOutputs.Read(steps[0].Outputs)["version"]);
        Assert.Equal(true, JobOutputs.Read(steps[1].Outputs)["applied"]);
        Assert.Contains("Runs: $register.version is 1, so $register.version >= 1 holds.", steps[1].Log);
        Assert.Contains("Skipped: $register.version is 1, so $register.version > 100 does not hold.", steps[2].Log);
        Assert.Equal($"job:{model}", await ActorOfAsync("model.version.create", model));
    }

    [Fact]
    public async Task AFailedRunIsRetriedAfterItsBackOffAndThenGivenUp()
    {
        var name = "failing-" + Guid.NewGuid().ToString("N")[..6];
        await Jobs.CreateAsync($$$"""
            {"name":"{{{name}}}","kind":"register","parameters":{"run":"no-such-run","model":"{{{name}}}"},"retry":{"maxAttempts":2,"backoffSeconds":1}}
            """, KindsPortal.Dora, TestContext.Current.CancellationToken);

        var first = await Jobs.RunAsync(name, null, KindsPortal.Dora, TestContext.Current.CancellationToken);
        var (failed, _) = await FinishedAsync(name, first);
        var retry = await WaitAsync(async () => (await Jobs.RunsAsync(name, 10, null)).FirstOrDefault(r => r.RetryOf == first));
        var (second, steps) = await FinishedAsync(name, retry.Id);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.Equal(JobRunStatus.Failed, failed.Status);
        Assert.Contains("Step 'register' failed:", failed.Error);
        Assert.Equal((2L, JobRunTrigger.Retry, JobRunStatus.Failed), (second.Attempt, second.Trigger, second.Status));
        Assert.True(second.NotBefore - failed.FinishedAt >= 900, "the retry waited its back-off");
        Assert.Equal(JobRunStatus.Failed, Assert.Single(steps).Status);
        Assert.Equal(2, (await Jobs.RunsAsync(name, 10, null)).Count);
    }

    [Fact]
    public async Task ARunningStepIsCancelledAndItsTrainingRunKilled()
    {
        var name = "cancelled-" + Guid.NewGuid().ToString("N")[..6];
        await Jobs.CreateAsync($$$"""
            {"name":"{{{name}}}","kind":"train","parameters":{"dataset":"telco-churn","trainer":"sweep","budgetSeconds":300}}
            """, KindsPortal.Dora, TestContext.Current.CancellationToken);

        var id = await Jobs.RunAsync(name, null, KindsPortal.Dora, TestContext.Current.CancellationToken);
        var started = await WaitAsync(async () => (await Jobs.RunOfAsync(name, id)).Steps.FirstOrDefault(s => s.Log.Contains("Queued training run")));
        await Jobs.CancelAsync(name, id, KindsPortal.Dora, TestContext.Current.CancellationToken);
        var (run, steps) = await FinishedAsync(name, id);
        var trainingRun = System.Text.RegularExpressions.Regex.Match(started.Log, "run ([0-9a-f]{32})").Groups[1].Value;

        Assert.Equal(JobRunStatus.Cancelled, run.Status);
        Assert.Equal(JobRunStatus.Cancelled, Assert.Single(steps).Status);
        Assert.Equal("KILLED", await WaitAsync(async () =>
            (await portal.Get<TrackingStore>().GetRunAsync(trainingRun)).Info.Status is var s && s is "KILLED" or "FAILED" or "FINISHED" ? s : null));
    }

    [Fact]
    public async Task AJobThatRunsAfterAnotherStartsWhenThatOneSucceeds()
    {
        var first = "first-" + Guid.NewGuid().ToString("N")[..6];
        var second = "second-" + Guid.NewGuid().ToString("N")[..6];
        await Jobs.CreateAsync($$$"""{"name":"{{{first}}}","kind":"register","parameters":{"run":"{{{portal.RunId}}}","model":"{{{first}}}"}}""", KindsPortal.Dora);
        await Jobs.CreateAsync($$$"""{"name":"{{{second}}}","kind":"promote","parameters":{"model":"{{{first}}}","version":1,"to":"staging"},"after":["{{{first}}}"]}""", KindsPortal.Dora);

        var upstream = await Jobs.RunAsync(first, null, KindsPortal.Dora, TestContext.Current.CancellationToken);
        await FinishedAsync(first, upstream);
        var downstream = await WaitAsync(async () => (await Jobs.RunsAsync(second, 10, null)).FirstOrDefault());
        var (run, _) = await FinishedAsync(second, downstream.Id);

        Assert.Equal((JobRunTrigger.Dependency, upstream, JobRunStatus.Succeeded), (run.Trigger, run.UpstreamRun, run.Status));
    }

    private async Task<(JobRunRecord Run, IReadOnlyList<JobStepRecord> Steps)> FinishedAsync(string job, long id)
    {
        try
        {
            return await WaitAsync(async () => await Jobs.RunOfAsync(job, id) is var found && JobRunStatus.IsFinished(found.Run.Status) ? found : ((JobRunRecord, IReadOnlyList<JobStepRecord>)?)null);
        }
        catch (TimeoutException e)
        {
            // What the scheduler was doing, for a failure on a loaded machine.
            var (run, steps) = await Jobs.RunOfAsync(job, id);
            var quartz = await portal.Get<JobScheduler>().SchedulerAsync();
            var executing = await quartz.GetCurrentlyExecutingJobs();
            var trigger = await quartz.GetTriggerState(JobScheduler.RunKeyOf(id));
            throw new TimeoutException($"{e.Message} Run {id}: {run.Status}, steps {string.Join(", ", steps.Select(s => s.Status))}; scheduler started " +
                $"{quartz.IsStarted}, standby {quartz.InStandbyMode}, executing [{string.Join(", ", executing.Select(x => x.JobDetail.Key.Name))}], trigger {trigger}.", e);
        }
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe) where T : class => (await WaitAsync<T?>(probe, x => x is not null))!;

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe) where T : struct => (await WaitAsync(probe, x => x is not null))!.Value;

    private static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException("The job did not get there in time.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private async Task<string?> ActorOfAsync(string action, string target)
    {
        await using var c = await portal.Get<IConnectionFactory>().OpenAsync();
        return await c.QueryFirstOrDefaultAsync<string>("SELECT actor FROM audit_entries WHERE action = @Action AND target_id LIKE @Target ORDER BY seq DESC",
            new { Action = action, Target = target + "%" });
    }
}
