using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Bunit.TestDoubles;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Experiments;

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
}
