using Bunit;
using Telco.InsightPortal.Web.Registry.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Registry;

public sealed class PromoteAndCompareTests : RegistryTestContext
{
    [Fact]
    public async Task PromotingToChampionFromThePageFilesARequestInsteadOfMovingTheAlias()
    {
        await RegisterAsync("churn");
        SignIn("dora", Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ModelPage>(p => p.Add(x => x.Name, "churn"));

        cut.WaitForElement(".promote-button").Click();
        dialogs.WaitForElement("#promote-needs-approval");
        dialogs.Find("#promote-comment").Change("Beats v0 on every slice");
        dialogs.Find("#promote-submit").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".own-request")));
        var pending = Assert.Single(await Registry.ListApprovalsAsync("churn", pendingOnly: true, Ct));
        Assert.Equal(("alias @champion", "dora", "Beats v0 on every slice"), (pending.Describe(), pending.RequestedBy, pending.RequestComment));
        Assert.Empty((await Registry.GetModelAsync("churn", Ct)).Aliases);
    }

    [Fact]
    public async Task CompareShowsTheNewestTwoVersionsMetricsSideBySide()
    {
        await RegisterAsync("churn", rocAuc: 0.80);
        await RegisterAsync("churn", rocAuc: 0.85);
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<ModelPage>(p => p.Add(x => x.Name, "churn"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".mud-tab").Count));
        cut.FindAll(".mud-tab")[1].Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#compare-table")));
        var aucRow = cut.FindAll("#compare-table tr").Single(r => r.TextContent.StartsWith("roc_auc"));
        Assert.Equal(["roc_auc", "0.8000", "0.8500", "0.0500"], aucRow.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }
}
