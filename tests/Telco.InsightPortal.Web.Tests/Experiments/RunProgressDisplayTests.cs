using Bunit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Experiments;

/// <summary>Progress reaches pages by push: these publish through the real broadcaster and watch the markup.</summary>
public sealed class RunProgressDisplayTests : ExperimentsTestContext
{
    private async Task<(long Experiment, string RunId)> EmbeddedRunAsync(string status)
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var run = await Tracking.CreateRunAsync(experiment, "dora", "swift-lynx",
            null, [new(TrainingQueue.RunnerTag, TrainingQueue.EmbeddedRunner), new("trainer", "sweep")], AuditActor.System, Ct);
        await Tracking.UpdateRunAsync(run.Info.RunId, status, null, null, AuditActor.System, Ct);
        return (experiment, run.Info.RunId);
    }

    private static RunProgressState Sweeping(string runId, int trial) =>
        new(runId, "RUNNING", TrainingStage.Sweeping, 0.1 + 0.6 * trial / 40, $"Trial {trial}/40: lightgbm", trial, 40, DateTimeOffset.UtcNow.AddSeconds(-75));

    [Fact]
    public void PanelShowsStageTrialOfPlannedElapsedTimeAndPercent()
    {
        var cut = Render<RunProgressPanel>(p => p.Add(x => x.State, Sweeping("r1", 3)));

        Assert.Equal("Sweeping", cut.Find("#run-stage").TextContent.Trim());
        Assert.Equal("Trial 3 of 40", cut.Find("#run-trial").TextContent.Trim());
        Assert.Matches(@"^1m 1\ds elapsed$", cut.Find("#run-elapsed").TextContent.Trim());
        Assert.Equal("15 %", cut.Find("#run-percent").TextContent.Trim());
        Assert.Contains("Trial 3/40: lightgbm", cut.Find("#run-message").TextContent);
    }

    [Fact]
    public async Task RunPageFollowsPushedProgressAndReloadsWhenTheRunEnds()
    {
        var (_, runId) = await EmbeddedRunAsync("RUNNING");
        SignInReader();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForAssertion(() => Assert.Equal("RUNNING", cut.Find("#run-status").TextContent.Trim()));

        Progress.Publish(Sweeping(runId, 2));
        cut.WaitForAssertion(() => Assert.Equal("Trial 2 of 40", cut.Find("#run-trial").TextContent.Trim()));
        Progress.Publish(Sweeping(runId, 7));
        cut.WaitForAssertion(() => Assert.Equal("Trial 7 of 40", cut.Find("#run-trial").TextContent.Trim()));
        await Tracking.UpdateRunAsync(runId, "FINISHED", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, AuditActor.System, Ct);
        Progress.Publish(Sweeping(runId, 7) with { Status = "FINISHED" });

        cut.WaitForAssertion(() => Assert.Equal("FINISHED", cut.Find("#run-status").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#run-progress"));
    }

    [Fact]
    public async Task RunsTableShowsProgressOfARunningRun()
    {
        var (experiment, runId) = await EmbeddedRunAsync("RUNNING");
        SignInReader();
        var cut = Render<ExperimentRunsPage>(p => p.Add(x => x.Id, experiment));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-table")));

        Progress.Publish(Sweeping(runId, 12));

        cut.WaitForAssertion(() => Assert.Contains("Sweeping · trial 12/40", cut.Find(".run-row-progress").TextContent));
    }

    [Fact]
    public async Task RunLogIsShownAsTextAndGrowsAsTheWorkerAppends()
    {
        var (_, runId) = await EmbeddedRunAsync("RUNNING");
        RunLog.Append(runId, "Queued by dora: <b>sweep</b>");
        SignInReader();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-status")));
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Log")).Click();
        cut.WaitForAssertion(() => Assert.Contains("Queued by dora: <b>sweep</b>", cut.Find("#run-log").TextContent));
        Assert.Empty(cut.FindAll("#run-log b"));

        RunLog.Append(runId, "Trial 1/40: logistic validation roc_auc 0.8123");

        cut.WaitForAssertion(() => Assert.Contains("Trial 1/40: logistic", cut.Find("#run-log").TextContent));
    }

    [Fact]
    public async Task CancelIsNotOfferedToAReadOnlyRole()
    {
        var (_, runId) = await EmbeddedRunAsync("RUNNING");
        SignInReader();

        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForAssertion(() => Assert.Equal("RUNNING", cut.Find("#run-status").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#run-cancel"));
    }

    [Fact]
    public async Task CancelFromTheRunPageEndsAScheduledRunKilled()
    {
        var (_, runId) = await EmbeddedRunAsync("SCHEDULED");
        SignIn("dora", Policies.ExperimentsRead, Policies.ExperimentsWrite);
        RenderProviders();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-cancel")));
        cut.Find("#run-cancel").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Cancel run")).Click());

        cut.WaitForAssertion(() => Assert.Equal("KILLED", cut.Find("#run-status").TextContent.Trim()));
        var run = await Tracking.GetRunAsync(runId, Ct);
        Assert.NotNull(run.Info.EndTime);
    }
}
