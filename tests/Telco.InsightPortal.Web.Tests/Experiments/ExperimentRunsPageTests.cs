using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Pages;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class ExperimentRunsPageTests : ExperimentsTestContext
{
    private IRenderedComponent<ExperimentRunsPage> RenderRuns(long experimentId)
    {
        SignInReader();
        var cut = Render<ExperimentRunsPage>(p => p.Add(x => x.Id, experimentId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-table")));
        return cut;
    }

    private static void Search(IRenderedComponent<ExperimentRunsPage> cut, string filter)
    {
        cut.Find("input#run-filter").Input(filter);
        cut.Find("#run-search").Click();
    }

    [Fact]
    public async Task RunsTableShowsTheHeadlineColumnsOfEachRun()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        await CreateRunAsync(experiment, "calm-otter", "fasttree", 0.8123);

        var cut = RenderRuns(experiment);

        var row = cut.Find("#run-table tbody tr").TextContent;
        Assert.Contains("calm-otter", row);
        Assert.Contains("FINISHED", row);
        Assert.Contains("fasttree", row);
        Assert.Contains("telco-churn@3", row);
        Assert.Contains("analyst", row);
        Assert.Contains("0.8123", row);
        Assert.Contains("1m 30s", row);
    }

    [Fact]
    public async Task RunsTableFiltersWithAValidMlflowFilter()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        await CreateRunAsync(experiment, "weak-logistic", "logistic", 0.70);
        await CreateRunAsync(experiment, "strong-logistic", "logistic", 0.86);
        await CreateRunAsync(experiment, "strong-tree", "fasttree", 0.88);
        var cut = RenderRuns(experiment);

        Search(cut, "metrics.roc_auc > 0.8 and params.trainer = 'logistic'");

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("#run-table tbody tr");
            Assert.Single(rows);
            Assert.Contains("strong-logistic", rows[0].TextContent);
        });
        Assert.Empty(cut.FindAll("#filter-error"));
    }

    [Fact]
    public async Task RunsTableShowsTheStoreMessageForABadFilter()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8);
        var cut = RenderRuns(experiment);

        const string bad = "metrics.roc_auc >>> 'x'";
        var expected = await Assert.ThrowsAsync<TrackingException>(() => Tracking.SearchRunsAsync([experiment], bad, ViewType.ActiveOnly, 10, null, null, Ct));

        Search(cut, bad);

        cut.WaitForAssertion(() => Assert.Equal(expected.Message, cut.Find("#filter-error").TextContent.Trim()));
        Assert.Empty(cut.FindAll("#run-table"));
    }

    [Fact]
    public async Task NextPageFollowsTheStorePageTokenAndPreviousComesBack()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        for (var i = 0; i < ExperimentRunsPage.PageSize + 2; i++) await CreateRunAsync(experiment, $"run-{i:00}", "logistic", 0.5 + i / 100.0);
        var cut = RenderRuns(experiment);
        Assert.Equal(ExperimentRunsPage.PageSize, cut.FindAll("#run-table tbody tr").Count);

        cut.Find("#page-next").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#run-table tbody tr").Count));
        cut.Find("#page-previous").Click();
        cut.WaitForAssertion(() => Assert.Equal(ExperimentRunsPage.PageSize, cut.FindAll("#run-table tbody tr").Count));
    }

    [Fact]
    public async Task SelectingTwoRunsEnablesCompareWhichOpensTheComparison()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        var a = await CreateRunAsync(experiment, "calm-otter", "logistic", 0.8);
        var b = await CreateRunAsync(experiment, "brisk-heron", "fasttree", 0.9);
        var cut = RenderRuns(experiment);
        Assert.True(cut.Find("#compare").HasAttribute("disabled"));

        foreach (var box in cut.FindAll("#run-table tbody input[type=checkbox]")) box.Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#compare").HasAttribute("disabled")));
        cut.Find("#compare").Click();

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("/experiments/compare?runs=", uri);
        Assert.Contains(a, uri);
        Assert.Contains(b, uri);
    }

    [Fact]
    public void UnknownExperimentShowsTheEmptyState()
    {
        SignInReader();

        var cut = Render<ExperimentRunsPage>(p => p.Add(x => x.Id, 424242));

        cut.WaitForAssertion(() => Assert.Contains("No such experiment", cut.Markup));
    }
}
