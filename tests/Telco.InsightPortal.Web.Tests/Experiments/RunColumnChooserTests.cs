using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Web.Experiments.Pages;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class RunColumnChooserTests : ExperimentsTestContext
{
    [Fact]
    public void TickingAColumnAddsItAfterTheChosenOnesAndUntickingRemovesIt()
    {
        IReadOnlyList<string>? reported = null;
        var cut = Render<RunColumnChooser>(p => p
            .Add(x => x.Available, ["metrics.f1", "metrics.roc_auc", "params.trainer", "tags.dataset"])
            .Add(x => x.Selected, ["metrics.roc_auc", "metrics.f1"])
            .Add(x => x.SelectedChanged, (IReadOnlyList<string> c) => reported = c));
        cut.Find("#column-chooser-toggle").Click();

        cut.Find("div[data-column='params.trainer'] input").Change(true);
        Assert.Equal(["metrics.roc_auc", "metrics.f1", "params.trainer"], reported);
        cut.Find("div[data-column='metrics.roc_auc'] input").Change(false);
        Assert.Equal(["metrics.f1"], reported);
    }

    [Theory]
    [InlineData(null, "metrics.roc_auc,metrics.pr_auc,metrics.f1")]
    [InlineData("", "")]
    [InlineData("params.trainer, tags.dataset,params.trainer", "params.trainer,tags.dataset")]
    [InlineData("attributes.status,metrics.,junk,metrics.f1", "metrics.f1")]
    public void ColumnsInTheUrlAreKeptOnlyWhenTheyNameAMetricParamOrTag(string? query, string expected)
    {
        Assert.Equal(expected, RunColumns.Format(RunColumns.Parse(query)));
    }

    [Fact]
    public async Task RunsPageShowsTheColumnsInItsUrlAndSortsInTheStoreByAParamHeader()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        await CreateRunAsync(experiment, "calm-otter", "logistic", 0.81);
        await CreateRunAsync(experiment, "brisk-heron", "fasttree", 0.85);
        await CreateRunAsync(experiment, "quiet-lark", "lightgbm", 0.83);
        SignInReader();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/experiments/{experiment}?cols=params.trainer,tags.snapshot_id");
        var cut = Render<ExperimentRunsPage>(p => p.Add(x => x.Id, experiment));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-table")));

        var headers = cut.FindAll("#run-table th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("trainer", headers);
        Assert.Contains("snapshot_id", headers);
        Assert.DoesNotContain("roc_auc", headers);
        cut.Find("button[data-sort='params.trainer']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["brisk-heron", "quiet-lark", "calm-otter"], cut.FindAll("#run-table tbody tr td a").Select(a => a.TextContent.Trim()).ToList()));
        Assert.Contains("trainer ↑", cut.Find("button[data-sort='params.trainer']").TextContent);
    }
}
