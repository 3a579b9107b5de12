using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class EvaluateKindTests(KindsPortal portal)
{
    [Fact]
    public async Task TheSameModelTiesSoTheMinimumGainDecides()
    {
        await portal.DeployAsync("eval-same", "eval-same", await portal.RegisterAsync("eval-same"));

        var strict = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = portal.RunId, ["deployment"] = "eval-same" });
        var lenient = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = portal.RunId, ["deployment"] = "eval-same", ["minGain"] = 0d });

        Assert.Equal(strict["challenger"], strict["champion"]);
        Assert.Equal(0d, strict["gain"]);
        Assert.Equal(false, strict["wins"]);
        Assert.Equal(true, lenient["wins"]);
        // The seeded telco-churn dataset has one snapshot of 300 rows, all labelled.
        Assert.Equal(300L, strict["rows"]);
        Assert.Contains(strict.Log, l => l.Contains("is its first: evaluating on all of it", StringComparison.Ordinal));
        Assert.InRange((double)strict["challenger"]!, 0.6, 1);
    }

    [Fact]
    public async Task TheRowsTheSnapshotAddedAreScoredByBothAndASmallIncrementFallsBackToTheWholeSnapshot()
    {
        await portal.GenerateAsync("eval-inc", 300);
        var championRun = await portal.TrainOnAsync("eval-inc");
        await portal.DeployAsync("eval-inc", "eval-inc", await portal.RegisterAsync("eval-inc", championRun));
        // A drifted batch, and a challenger trained on everything including it.
        await portal.GenerateAsync("eval-inc", 500, seed: 2, drift: 0.8);
        var challengerRun = await portal.TrainOnAsync("eval-inc", "fasttree");

        var increment = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = challengerRun, ["deployment"] = "eval-inc", ["minGain"] = -1d });
        await portal.GenerateAsync("eval-inc", 30, seed: 3);
        var small = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = challengerRun, ["deployment"] = "eval-inc", ["minGain"] = -1d });

        Assert.Equal(500L, increment["rows"]);
        Assert.NotEqual(increment["challenger"], increment["champion"]);
        Assert.Equal((double)increment["challenger"]! - (double)increment["champion"]!, (double)increment["gain"]!, 12);
        Assert.Equal(true, increment["wins"]);
        Assert.Contains(increment.Log, l => l.Contains("added over snapshot", StringComparison.Ordinal));
        Assert.Contains(increment.Log, l => l.Contains("500 labelled rows", StringComparison.Ordinal) && l.Contains("roc_auc", StringComparison.Ordinal));
        Assert.Equal(830L, small["rows"]);
        Assert.Contains(small.Log, l => l.Contains("fewer than 50 of each: evaluating on the whole snapshot instead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChampionTrainedOnOtherDataIsRefusedByName()
    {
        var towers = await portal.TrainOnAsync("cell-towers");
        await portal.DeployAsync("eval-towers", "eval-towers", await portal.RegisterAsync("eval-towers", towers));

        var step = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = portal.RunId, ["deployment"] = "eval-towers" });

        Assert.StartsWith("The model of eval-towers version 1 (served by eval-towers) takes column '", step.Reason, StringComparison.Ordinal);
        Assert.EndsWith("', which the dataset lacks.", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOrUnfinishedRunOrAnUnknownDeploymentIsRefused()
    {
        var open = await portal.OpenRunAsync();

        var unknownRun = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = "ffffffffffffffffffffffffffffffff", ["deployment"] = "eval-none" });
        var unfinished = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = open, ["deployment"] = "eval-none" });
        var deployment = await portal.RunAsync(JobKindCatalog.Evaluate, new() { ["run"] = portal.RunId, ["deployment"] = "eval-none" });

        Assert.Equal("There is no training run 'ffffffffffffffffffffffffffffffff'.", unknownRun.Reason);
        Assert.Equal($"Run {open} is RUNNING; only a FINISHED run can be evaluated.", unfinished.Reason);
        Assert.Equal("No deployment named 'eval-none'.", deployment.Reason);
    }
}
