using Bunit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Deployments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

[Collection(nameof(DeployedPortalCollection))]
public sealed class LifecyclePanelTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    [Fact]
    public async Task StopIsConfirmedFirstThenThePageAndTheListSayStoppedAndStartServesAgain()
    {
        await DeployAsync("churn-life");
        SignInScientist();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, "churn-life"));

        page.WaitForElement("#stop-button").Click();
        dialogs.WaitForElement(".mud-message-box");
        dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        var afterCancel = (await Store.GetAsync("churn-life", Ct))!.Status;
        page.Find("#stop-button").Click();
        dialogs.WaitForElement(".mud-message-box");
        dialogs.FindAll(".mud-message-box button").Single(b => b.TextContent.Trim() == "Yes").Click();
        page.WaitForAssertion(() => Assert.Equal("stopped", page.Find(".deployment-status").TextContent.Trim()));
        var stopped = Portal.Get<ServingRegistry>().Find("churn-life")!.Stopped;
        var list = Render<DeploymentsPage>();
        list.WaitForAssertion(() => Assert.Contains("stopped", list.Find("#deployment-table").TextContent));
        var tryIt = page.FindAll("#try-stopped").Count;
        page.Find("#start-button").Click();
        page.WaitForAssertion(() => Assert.Equal("active", page.Find(".deployment-status").TextContent.Trim()), TimeSpan.FromSeconds(30));

        Assert.Equal(DeploymentStatus.Active, afterCancel);
        Assert.True(stopped);
        Assert.Equal(1, tryIt);
        Assert.False(Portal.Get<ServingRegistry>().Find("churn-life")!.Stopped);
        Assert.NotEmpty(page.FindAll("#stop-button"));
    }

    [Fact]
    public async Task ScalingFromThePageChangesTheEnginesPerProcess()
    {
        await DeployAsync("churn-grow");
        SignInScientist();
        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, "churn-grow"));

        page.WaitForElement("#engines-input").Change("3");
        page.Find("#scale-button").Click();
        page.WaitForAssertion(() => Assert.Contains("3 engine(s) per serving process", page.Find("#deployment-facts").TextContent), TimeSpan.FromSeconds(30));

        Assert.Equal(3, (await Store.GetAsync("churn-grow", Ct))!.EnginesPerProcess);
        Assert.All(Portal.Get<ServingRegistry>().Find("churn-grow")!.Targets, t => Assert.Equal(3, t.Version.PoolSize));
    }

    [Fact]
    public async Task AReaderSeesTheStatusButNoLifecycleControlsAndTheHandlerRefusesThemAnyway()
    {
        await DeployAsync("churn-watch");
        SignIn("rita", Policies.DeploymentsRead);
        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, "churn-watch"));
        page.WaitForAssertion(() => Assert.Equal("active", page.Find(".deployment-status").TextContent.Trim()));

        // Rendered directly, as if the page's check had been bypassed: the handler asks the policy itself.
        var panel = Render<LifecyclePanel>(p => p.Add(x => x.Deployment, Store.GetAsync("churn-watch", Ct).Result!));
        panel.Find("#stop-button").Click();

        Assert.Empty(page.FindAll("#lifecycle-actions"));
        Assert.Empty(page.FindAll("#stop-button, #start-button, #scale-button"));
        panel.WaitForAssertion(() => Assert.Contains("may read deployments but not change them", panel.Find("#lifecycle-error").TextContent));
        Assert.Equal(DeploymentStatus.Active, (await Store.GetAsync("churn-watch", Ct))!.Status);
    }

    private DeploymentStore Store => Portal.Get<DeploymentStore>();
}
