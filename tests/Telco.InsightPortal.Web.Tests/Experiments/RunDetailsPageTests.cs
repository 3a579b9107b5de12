using Bunit.TestDoubles;
using Bunit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class RunDetailsPageTests : ExperimentsTestContext
{
    private static readonly RocPoint[] Roc = [new(1.0, 0, 0), new(0.6, 0.1, 0.7), new(0.2, 0.4, 0.95), new(0.0, 1, 1)];

    private IRenderedComponent<RunDetailsPage> RenderRun(string runId)
    {
        SignInReader();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-status")));
        return cut;
    }

    [Fact]
    public async Task RunPageShowsParamsMetricsAndTagsAsText()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var runId = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8123);
        await Tracking.SetTagAsync(runId, new TrackingTag("note", "<script>alert(1)</script>"), Ct);

        var cut = RenderRun(runId);

        Assert.Contains("0.8123", cut.Find("#run-metrics").TextContent);
        Assert.Contains("seed", cut.Find("#run-params").TextContent);
        Assert.Contains("logistic", cut.Find("#run-params").TextContent);
        Assert.Contains("<script>alert(1)</script>", cut.Find("#run-tags").TextContent);
        Assert.Empty(cut.FindAll("#run-tags script"));
        Assert.Equal("FINISHED", cut.Find("#run-status").TextContent.Trim());
    }

    [Fact]
    public async Task RunPagePassesArtifactCurvePointsToTheCharts()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var runId = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8);
        WriteArtifact(runId, ArtifactNames.Roc, Roc);
        WriteArtifact(runId, ArtifactNames.PrecisionRecall, new[] { new PrPoint(0.9, 0.2, 0.9), new PrPoint(0.1, 1.0, 0.3) });
        WriteArtifact(runId, ArtifactNames.Confusion, new ConfusionMatrix(0.5, 40, 10, 130, 20));
        WriteArtifact(runId, ArtifactNames.Calibration, new[] { new CalibrationBin(0, 0.1, 50, 0.05, 0.04), new CalibrationBin(0.1, 0.2, 0, 0, 0) });
        WriteArtifact(runId, ArtifactNames.Importance, Enumerable.Range(0, 20).Select(i => new ColumnImportance($"col{i}", i / 100.0)).ToList());
        await Tracking.SetTagAsync(runId, new TrackingTag($"artifact.{ArtifactNames.Roc}.sha256", "abc123"), Ct);
        await Tracking.SetTagAsync(runId, new TrackingTag("label", "Churn"), Ct);

        var cut = RenderRun(runId);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindComponents<Stub<LineChart>>().Count));
        var lines = cut.FindComponents<Stub<LineChart>>().Select(s => s.Instance.Parameters).ToList();
        var roc = lines.Single(p => p.Get(x => x.Title) == "ROC curve").Get(x => x.Series)[0];
        Assert.Equal(Roc.Select(p => p.FalsePositiveRate), roc.X);
        Assert.Equal(Roc.Select(p => p.TruePositiveRate), roc.Y);
        Assert.Equal([0.2, 1.0], lines.Single(p => p.Get(x => x.Title) == "Precision–recall curve").Get(x => x.Series)[0].X);
        Assert.Equal([0.05], lines.Single(p => p.Get(x => x.Title) == "Calibration").Get(x => x.Series)[0].X);
        var confusion = cut.FindComponent<Stub<Heatmap>>().Instance.Parameters.Get(x => x.Values);
        Assert.Equal([[130d, 10d], [20d, 40d]], confusion.Select(r => r.ToArray()).ToArray());
        // The classes by name, from the run's label tag.
        Assert.Equal(["no Churn (0)", "Churn (1)"], cut.FindComponent<Stub<Heatmap>>().Instance.Parameters.Get(x => x.XLabels));
        var importance = cut.FindComponent<Stub<BarChart>>().Instance.Parameters.Get(x => x.Labels);
        Assert.Equal(15, importance.Count);
        Assert.Equal("col19", importance[0]);
        Assert.Contains("abc123", cut.Find("#run-artifacts").TextContent);
        var download = cut.Find($"#run-artifacts a[download='{ArtifactNames.Roc}']");
        Assert.Equal($"/get-artifact?run_id={runId}&path={ArtifactNames.Roc}", download.GetAttribute("href"));
    }

    [Fact]
    public async Task FailedRunShowsItsErrorTag()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var runId = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8, status: "FAILED");
        await Tracking.SetTagAsync(runId, new TrackingTag("error", "Label column 'Churn' has one class."), Ct);

        var cut = RenderRun(runId);

        Assert.Contains("Label column 'Churn' has one class.", cut.Find("#run-error").TextContent);
    }

    [Fact]
    public async Task ScheduledRunUpdatesItsStatusWhileTheWorkerRunsIt()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var runId = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8, status: "SCHEDULED");
        var cut = RenderRun(runId);
        Assert.Equal("SCHEDULED", cut.Find("#run-status").TextContent.Trim());

        await Tracking.UpdateRunAsync(runId, "FINISHED", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), null, AuditActor.System, Ct);

        cut.WaitForAssertion(() => Assert.Equal("FINISHED", cut.Find("#run-status").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("no-such-run")]
    [InlineData("..")]
    public void UnknownRunShowsTheEmptyState(string runId)
    {
        SignInReader();

        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForAssertion(() => Assert.Contains("No such run", cut.Markup));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData("")]
    public void ArtifactsAreReadOnlyFromTheRunsOwnFolder(string runId)
    {
        Assert.Null(new RunArtifacts(Paths).DirectoryOf(runId));
    }
}
