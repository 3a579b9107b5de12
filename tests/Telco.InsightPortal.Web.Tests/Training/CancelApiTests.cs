using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Training;

public sealed class CancelApiTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static async Task<string> SubmitAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/train", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CancelAsync(HttpClient client, string runId)
    {
        var response = await client.PostAsync($"/api/v1/runs/{Uri.EscapeDataString(runId)}/cancel", null, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static string Log(PortalFactory portal, string runId) =>
        File.ReadAllText(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, RunLog.FileName));

    [Fact]
    public async Task AScheduledRunIsSkippedAndARunningRunStopsBothEndingKilledWithTheCancellerAudited()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var control = portal.Services.GetRequiredService<RunControl>();
        var worker = portal.Services.GetRequiredService<TrainingWorker>();
        var firstTrial = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? sweepId = null;
        // Holds the sweep (on its training thread) after its first trial until a cancel is registered, so the cancel
        // lands mid-sweep however fast this machine trains.
        using var hold = portal.Services.GetRequiredService<RunProgress>().Subscribe(state =>
        {
            if (state.RunId != sweepId || state.Trial is null) return;
            firstTrial.TrySetResult(state.RunId);
            SpinWait.SpinUntil(() => control.CancelledBy(state.RunId) is not null, RunLimit);
        });

        sweepId = await SubmitAsync(client, new { experiment = "cancel", dataset = "telco-churn", trainer = "sweep", budgetSeconds = 600 });
        await firstTrial.Task.WaitAsync(RunLimit, Ct);
        var queuedId = await SubmitAsync(client, new { experiment = "cancel", dataset = "telco-churn", trainer = "logistic" });
        var tracking = portal.Services.GetRequiredService<TrackingStore>();
        Assert.Equal("SCHEDULED", (await tracking.GetRunAsync(queuedId, Ct)).Info.Status);

        var (queuedStatus, queuedBody) = await CancelAsync(client, queuedId);
        var (sweepStatus, sweepBody) = await CancelAsync(client, sweepId);

        Assert.Equal(HttpStatusCode.OK, queuedStatus);
        Assert.Equal("KILLED", queuedBody.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, sweepStatus);
        Assert.Equal("KILLED", sweepBody.GetProperty("status").GetString());
        Assert.Equal("KILLED", await worker.WhenDoneAsync(queuedId).WaitAsync(RunLimit, Ct));
        var audit = portal.Services.GetRequiredService<AuditLog>();
        foreach (var runId in new[] { queuedId, sweepId })
        {
            var run = await tracking.GetRunAsync(runId, Ct);
            Assert.Equal("KILLED", run.Info.Status);
            Assert.NotNull(run.Info.EndTime);
            var entries = await audit.PageAsync(new AuditQuery { Action = "run.status", TargetId = runId }, new AuditPaging(50), Ct);
            var killed = Assert.Single(entries, e => e.Details?.Contains("KILLED", StringComparison.Ordinal) == true);
            Assert.Equal("dora", killed.Actor);
        }
        Assert.Contains("Cancelled by dora before it started.", Log(portal, queuedId));
        Assert.DoesNotContain("Started:", Log(portal, queuedId));
        var sweepLog = Log(portal, sweepId);
        Assert.Contains("Trial 1/", sweepLog);
        Assert.Contains("KILLED: cancelled by dora.", sweepLog);
    }

    [Fact]
    public async Task MlflowRunsUpdateKilledStopsARunningEmbeddedRunAndKeepsItKilled()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var control = portal.Services.GetRequiredService<RunControl>();
        var firstTrial = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? sweepId = null;
        using var hold = portal.Services.GetRequiredService<RunProgress>().Subscribe(state =>
        {
            if (state.RunId != sweepId || state.Trial is null) return;
            firstTrial.TrySetResult(state.RunId);
            SpinWait.SpinUntil(() => control.CancelledBy(state.RunId) is not null, RunLimit);
        });
        sweepId = await SubmitAsync(client, new { experiment = "mlflow-kill", dataset = "telco-churn", trainer = "sweep", budgetSeconds = 600 });
        await firstTrial.Task.WaitAsync(RunLimit, Ct);

        var response = await client.PostAsJsonAsync("/api/2.0/mlflow/runs/update", new { run_id = sweepId, status = "KILLED" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("KILLED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(sweepId).WaitAsync(RunLimit, Ct));
        var run = await portal.Services.GetRequiredService<TrackingStore>().GetRunAsync(sweepId, Ct);
        Assert.Equal("KILLED", run.Info.Status);
        Assert.Contains("KILLED: cancelled by dora.", Log(portal, sweepId));
        var again = await client.PostAsJsonAsync("/api/2.0/mlflow/runs/update", new { run_id = sweepId, status = "FINISHED" }, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // an ended run's status is the client's to change, as in MLflow
    }

    [Fact]
    public async Task AFinishedRunGetsAConflictNamingItsStatusAndKeepsIt()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await SubmitAsync(client, new { dataset = "telco-churn", trainer = "logistic" });
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit, Ct));

        var (status, body) = await CancelAsync(client, runId);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already ended (FINISHED)", body.GetProperty("detail").GetString());
        Assert.Equal("FINISHED", (await portal.Services.GetRequiredService<TrackingStore>().GetRunAsync(runId, Ct)).Info.Status);
    }

    [Theory]
    [InlineData("no-such-run")]
    [InlineData("../etc")]
    [InlineData("%2e%2e")]
    public async Task AnUnknownRunGetsNotFound(string runId)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var (status, body) = await CancelAsync(client, runId);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("There is no run", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARunLoggedByAnMlflowClientGetsAConflictAndStaysRunning()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var tracking = portal.Services.GetRequiredService<TrackingStore>();
        var experiment = await tracking.CreateExperimentAsync("external", null, [], AuditActor.System, Ct);
        var run = await tracking.CreateRunAsync(experiment, "dora", "notebook", null, [], AuditActor.System, Ct);

        var (status, body) = await CancelAsync(client, run.Info.RunId);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("MLflow client", body.GetProperty("detail").GetString());
        Assert.Equal("RUNNING", (await tracking.GetRunAsync(run.Info.RunId, Ct)).Info.Status);
    }

    [Fact]
    public async Task AReadOnlyRoleIsForbiddenAndAnAnonymousCallerUnauthorised()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var analyst = await portal.ClientForAsync("arthur", Roles.Analyst);
        var anonymous = portal.CreateClient(new() { AllowAutoRedirect = false });
        var dora = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await SubmitAsync(dora, new { dataset = "telco-churn", trainer = "logistic" });

        var forbidden = await analyst.PostAsync($"/api/v1/runs/{runId}/cancel", null, Ct);
        var unauthorised = await anonymous.PostAsync($"/api/v1/runs/{runId}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit, Ct));
    }

    [Fact]
    public async Task AFinishedRunsLogIsAnArtifactWithItsHashRecorded()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await SubmitAsync(client, new { dataset = "telco-churn", trainer = "logistic" });
        await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit, Ct);

        var log = Log(portal, runId);
        var run = await portal.Services.GetRequiredService<TrackingStore>().GetRunAsync(runId, Ct);

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Queued by dora: logistic on telco-churn snapshot 1\.$", lines[0]);
        Assert.Contains(lines, l => l.Contains(" Started: logistic on telco-churn", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" Fitting: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" Cross-validated ROC AUC ", StringComparison.Ordinal) && l.Contains("; test ROC AUC ", StringComparison.Ordinal));
        Assert.EndsWith(" FINISHED.", lines[^1]);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(
            Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, RunLog.FileName))));
        Assert.Equal(hash, run.Tags.Single(t => t.Key == RunLog.HashTag).Value);
    }
}
