using System.Net;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Tests.Training;

namespace Telco.InsightPortal.Web.Tests.Jobs;

/// <summary>
/// Jobs survive their process: a pipeline killed (SIGKILL) mid-step shows as interrupted after the restart and is
/// retried once, reusing the step that had finished, with nothing half-registered; on one PostgreSQL store two
/// instances run a schedule without ever running the job twice at once, and a run on an instance that dies is
/// retried on the other.
/// </summary>
public sealed class JobRecoveryTests
{
    private const string Pipeline = """
        {"name":"killed","kind":"pipeline","steps":[
          {"name":"ingest","kind":"ingest","parameters":{"dataset":"telco-churn","rows":300,"drift":0.5}},
          {"name":"train","kind":"train","parameters":{"dataset":"telco-churn","snapshotId":"$ingest.snapshotId","trainer":"sweep","budgetSeconds":900}},
          {"name":"register","kind":"register","parameters":{"run":"$train.runId","model":"killed-model"}}],
         "retry":{"maxAttempts":2,"backoffSeconds":1}}
        """;

    [Fact]
    public async Task APipelineKilledMidStepIsInterruptedAndRetriedAfterTheRestartWithNothingHalfRegistered()
    {
        await using var cluster = await JobCluster.CreateAsync(StoreProvider.Sqlite);
        var a = await cluster.StartAsync("A");
        var dora = await a.ClientForAsync("dora", PortalUsers.Password);
        await TrainingCluster.GenerateAsync(dora, 2000);
        await JobCluster.PostAsync(dora, "/api/v1/jobs", Pipeline);
        var first = (await JobCluster.PostAsync(dora, "/api/v1/jobs/killed/runs", null)).GetProperty("runId").GetInt64();
        await cluster.WaitAsync(async () => (await cluster.Jobs.RunAsync(first))!.Value.Steps[1] is { Status: JobRunStatus.Running } s && s.Log.Contains("Queued training run") ? s : null,
            "training in the pipeline");

        await a.KillAsync();
        var dead = (await cluster.Jobs.RunAsync(first))!.Value.Run;
        var b = await cluster.StartAsync("B");
        var interrupted = await cluster.WaitAsync(async () => (await cluster.Jobs.RunAsync(first))!.Value is var r && r.Run.Status == JobRunStatus.Interrupted ? r.Steps : null,
            "interrupted");
        var retry = await cluster.WaitAsync(async () => (await cluster.Jobs.RunsAsync("killed", 10)).FirstOrDefault(r => r.RetryOf == first), "retried");
        var resumed = await cluster.WaitAsync(async () => (await cluster.Jobs.RunAsync(retry.Id))!.Value.Steps is var s && s[1].Status == JobRunStatus.Running ? s : null,
            "training again");
        var client = await b.ClientForAsync("dora", PortalUsers.Password);
        var model = await client.GetAsync("/api/2.0/mlflow/registered-models/get?name=killed-model");

        Assert.Equal(JobRunStatus.Running, dead.Status);
        Assert.Equal([JobRunStatus.Succeeded, JobRunStatus.Interrupted, JobRunStatus.Skipped], interrupted.Select(s => s.Status));
        Assert.Equal((2L, JobRunTrigger.Retry), (retry.Attempt, retry.Trigger));
        Assert.Equal(JobRunStatus.Succeeded, resumed[0].Status);
        Assert.Contains($"Succeeded in run {first}", resumed[0].Log);
        Assert.Equal(interrupted[0].Outputs, resumed[0].Outputs);
        Assert.Contains($":{b.Id}:", (await cluster.Jobs.RunAsync(retry.Id))!.Value.Run.Node);
        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
        await JobCluster.PostAsync(client, $"/api/v1/jobs/killed/runs/{retry.Id}/cancel", null);
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgresRunAScheduleOneRunAtATimeAndTakeOverARunWhoseInstanceDied()
    {
        await using var cluster = await JobCluster.CreateAsync(StoreProvider.Postgres);
        var instances = await Task.WhenAll(cluster.StartAsync("A"), cluster.StartAsync("B"));
        var dora = await instances[0].ClientForAsync("dora", PortalUsers.Password);
        await TrainingCluster.GenerateAsync(dora, 500);
        await JobCluster.PostAsync(dora, "/api/v1/jobs", """
            {"name":"every-2s","kind":"ingest","parameters":{"dataset":"telco-churn","rows":20},"schedule":"0/2 * * * * ?"}
            """);
        var scheduled = await cluster.WaitAsync(async () => (await cluster.Jobs.RunsAsync("every-2s", 100)) is var runs && runs.Count(r => r.Status == JobRunStatus.Succeeded) >= 8 ? runs : null,
            "eight scheduled runs");
        await JobCluster.PostAsync(dora, "/api/v1/jobs", Pipeline);
        var first = (await JobCluster.PostAsync(dora, "/api/v1/jobs/killed/runs", null)).GetProperty("runId").GetInt64();
        var running = await cluster.WaitAsync(async () => (await cluster.Jobs.RunAsync(first))!.Value is var r && r.Steps[1].Log.Contains("Queued training run") ? r.Run : null,
            "training in the pipeline");
        var owner = instances.Single(i => running.Node!.Contains($":{i.Id}:", StringComparison.Ordinal));
        var survivor = instances.Single(i => i != owner);

        await owner.KillAsync();
        var retry = await cluster.WaitAsync(async () => (await cluster.Jobs.RunsAsync("killed", 10)).FirstOrDefault(r => r.RetryOf == first && r.Node is not null), "taken over");

        var finished = scheduled.Where(r => r.Status == JobRunStatus.Succeeded).OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < finished.Count; i++)
            Assert.True(finished[i].StartedAt >= finished[i - 1].FinishedAt, $"runs {finished[i - 1].Id} and {finished[i].Id} overlapped");
        Assert.All(scheduled, r => Assert.Equal(JobRunTrigger.Schedule, r.Trigger));
        Assert.Equal(JobRunStatus.Interrupted, (await cluster.Jobs.RunAsync(first))!.Value.Run.Status);
        Assert.Contains($":{survivor.Id}:", retry.Node);
    }
}
