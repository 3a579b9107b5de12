using Bunit;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class ExperimentPageTests : ExperimentsTestContext
{
    private IRenderedComponent<ExperimentPage> RenderRuns(long experimentId)
    {
        SignInReader();
        var cut = Render<ExperimentPage>(p => p.Add(x => x.Id, experimentId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-table")));
        return cut;
    }

    private static void Search(IRenderedComponent<ExperimentPage> cut, string filter)
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

        Search(cut, "metrics.roc_auc >>> 'x'");

        cut.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(cut.Find("#filter-error").TextContent)));
        Assert.Empty(cut.FindAll("#run-table"));
    }

    [Fact]
    public async Task NextPageFollowsTheStorePageTokenAndPreviousComesBack()
    {
        var experiment = await CreateExperimentAsync("telco-churn");
        for (var i = 0; i < ExperimentPage.PageSize + 2; i++) await CreateRunAsync(experiment, $"run-{i:00}", "logistic", 0.5 + i / 100.0);
        var cut = RenderRuns(experiment);
        Assert.Equal(ExperimentPage.PageSize, cut.FindAll("#run-table tbody tr").Count);

        cut.Find("#page-next").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#run-table tbody tr").Count));
        cut.Find("#page-previous").Click();
        cut.WaitForAssertion(() => Assert.Equal(ExperimentPage.PageSize, cut.FindAll("#run-table tbody tr").Count));
    }

    [Fact]
    public void UnknownExperimentShowsTheEmptyState()
    {
        SignInReader();

        var cut = Render<ExperimentPage>(p => p.Add(x => x.Id, 424242));

        cut.WaitForAssertion(() => Assert.Contains("No such experiment", cut.Markup));
    }
}
