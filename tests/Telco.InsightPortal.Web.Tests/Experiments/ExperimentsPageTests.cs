using Bunit;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Experiments;

public sealed class ExperimentsPageTests : ExperimentsTestContext
{
    [Fact]
    public async Task ListShowsEveryActiveExperimentWithItsRunCountAndALinkToItsRuns()
    {
        var churn = await CreateExperimentAsync("telco-churn");
        await CreateExperimentAsync("<b>retention</b>");
        await CreateRunAsync(churn, "calm-otter", "logistic", 0.8);
        await CreateRunAsync(churn, "brisk-heron", "fasttree", 0.9);
        SignInReader();

        var cut = Render<ExperimentsPage>();

        // MLflow's Default experiment (id 0) is always there too.
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#experiment-table tbody tr").Count));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == $"/experiments/{churn}");
        Assert.Contains("<b>retention</b>", cut.Find("#experiment-table").TextContent);
        Assert.Empty(cut.FindAll("#experiment-table b"));
        var churnRow = cut.FindAll("#experiment-table tbody tr").Single(r => r.TextContent.Contains("telco-churn"));
        Assert.Equal("2", churnRow.QuerySelector("td[data-label=Runs]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ReaderWithoutExperimentsWriteSeesNoNewRunButton()
    {
        await CreateExperimentAsync("telco-churn");
        SignInReader();

        var cut = Render<ExperimentsPage>();

        cut.WaitForAssertion(() => Assert.Contains("telco-churn", cut.Find("#experiment-table").TextContent));
        Assert.Empty(cut.FindAll("#new-run"));
    }

    [Fact]
    public void WriterSeesTheNewRunButton()
    {
        SignIn("scientist", Policies.ExperimentsRead, Policies.ExperimentsWrite);

        var cut = Render<ExperimentsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#new-run")));
    }
}
