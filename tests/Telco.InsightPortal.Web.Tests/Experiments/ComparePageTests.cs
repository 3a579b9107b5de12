using Bunit.TestDoubles;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Experiments.Pages;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class ComparePageTests : ExperimentsTestContext
{
    [Fact]
    public async Task CompareShowsMetricsSideBySideAndOverlaysTheRocCurves()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var a = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8111);
        var b = await CreateRunAsync(experiment, "brisk-heron", "fasttree", 0.8555);
        WriteArtifact(a, ArtifactNames.Roc, new[] { new RocPoint(1, 0, 0), new RocPoint(0, 1, 1) });
        WriteArtifact(b, ArtifactNames.Roc, new[] { new RocPoint(1, 0, 0), new RocPoint(0.5, 0.2, 0.9), new RocPoint(0, 1, 1) });
        SignInReader();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/experiments/compare?runs={a},{b},missing");

        var cut = Render<ComparePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#compare-table")));
        var table = cut.Find("#compare-table").TextContent;
        Assert.Contains("0.8111", table);
        Assert.Contains("0.8555", table);
        Assert.Contains("roc_auc", table);
        var series = cut.FindComponent<Stub<LineChart>>().Instance.Parameters.Get(x => x.Series);
        Assert.Equal(["calm-otter", "brisk-heron", "Reference"], series.Select(s => s.Name));
    }

    [Fact]
    public async Task ParallelCoordinatesRunFromSharedParamsToTheChosenMetricAndNameWhatIsLeftOut()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var a = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8111);
        var b = await CreateRunAsync(experiment, "brisk-heron", "fasttree", 0.8555);
        await Tracking.LogParamAsync(a, new("l2", "0.5"), Ct);
        SignInReader();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/experiments/compare?runs={a},{b}");

        var cut = Render<ComparePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<Stub<ParallelCoordinates>>()));
        var chart = cut.FindComponent<Stub<ParallelCoordinates>>().Instance.Parameters;
        var axes = chart.Get(x => x.Axes);
        Assert.Equal(["calm-otter", "brisk-heron"], chart.Get(x => x.Lines));
        Assert.Equal(["seed", "trainer", "roc_auc"], axes.Select(x => x.Label));
        Assert.Equal([42d, 42d], axes[0].Values);
        Assert.Equal(["fasttree", "logistic"], axes[1].Categories!);
        Assert.Equal([1d, 0d], axes[1].Values);
        Assert.Equal([0.8111, 0.8555], axes[2].Values);
        Assert.Contains("param l2 (not logged by every run)", cut.Find("#compare-left-out").TextContent);
    }
}
