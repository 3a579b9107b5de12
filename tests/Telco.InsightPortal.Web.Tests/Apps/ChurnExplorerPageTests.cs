using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Telco.Apps.ChurnExplorer;
using Telco.Apps.ChurnExplorer.Pages;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Apps;

/// <summary>The Churn Explorer's pages over a real portal and deployment: customers listed with the deployment's scores,
/// ids masked for a role without personal data, a customer's page with the score of the table and a what-if re-scored.</summary>
public sealed class ChurnExplorerPageTests : DeploymentsTestContext, IClassFixture<DeployedPortal>
{
    public ChurnExplorerPageTests(DeployedPortal portal) : base(portal)
    {
        Services.AddAppHost(portal);
    }

    [Fact]
    public async Task AnAnalystSeesCustomersWithScoresAndMaskedIdsAndABusinessUserSeesTheIds()
    {
        await BindAsync();
        SignIn("ana", Policies.AppsRead);
        RenderProviders();

        var cut = Render<ChurnExplorerPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[id^=customer-]")), TimeSpan.FromSeconds(30));
        var first = cut.FindAll("a[id^=customer-]")[0].TextContent;

        Assert.Contains(PersonalData.MaskChar, first);
        Assert.Contains("customers match", cut.Find("#explorer-status").TextContent);
        Assert.NotEmpty(cut.FindAll("#risk-band-high"));
    }

    [Fact]
    public async Task ACustomerPageShowsTheTablesScoreAndAWhatIfIsRescoredByTheDeployment()
    {
        await BindAsync();
        SignIn("bea", Policies.AppsRead, "personaldata:read");
        RenderProviders();
        var rows = Portal.Get<AppRows>();
        var snapshot = (await rows.SnapshotsAsync(ChurnExplorerApp.AppId, Ct))[0];
        var customer = (await rows.PageAsync(ChurnExplorerApp.AppId, snapshot.Id, new AppRowQuery { Limit = 1 }, Ct)).Rows[0];

        var cut = Render<CustomerPage>(p => p.Add(x => x.SnapshotId, snapshot.Id).Add(x => x.RowId, customer.RowId));
        cut.WaitForAssertion(() => Assert.Equal(customer.Probability.ToString("P1"), cut.Find("#churn-probability").TextContent), TimeSpan.FromSeconds(30));

        Assert.Equal(customer.Values[TelcoColumns.CustomerId], cut.Find("#customer-id").TextContent);
        Assert.NotEmpty(cut.FindAll("#whatif-editor"));
        cut.Find("#retention-search").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#retention-outcome")), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ABusinessUserMayNotSaveADecision()
    {
        await BindAsync();
        SignIn("bea", Policies.AppsRead);
        var host = Services.GetRequiredService<IAppHost>();
        var version = (await host.DeploymentAsync(ChurnExplorerApp.AppId, Ct))!.Versions[0];

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.SaveDecisionAsync(version, new AppDecision(0.42, 500, 0, 100, 0), Ct));

        // Whatever another test of the class saved before (or nothing) is still what the version holds.
        Assert.Equal(version.Decision, (await host.DeploymentAsync(ChurnExplorerApp.AppId, Ct))!.Versions[0].Decision);
    }

    [Fact]
    public async Task AScientistSavesADecisionOnTheServedVersionAndANegativeCostIsRefused()
    {
        await BindAsync();
        SignIn("dora", Policies.AppsRead, Policies.ModelsWrite);
        var host = Services.GetRequiredService<IAppHost>();
        var version = (await host.DeploymentAsync(ChurnExplorerApp.AppId, Ct))!.Versions[0];

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => host.SaveDecisionAsync(version, new AppDecision(0.42, 500, 0, -1, 0), Ct));
        await host.SaveDecisionAsync(version, new AppDecision(0.42, 500, 0, 100, 0), Ct);
        var saved = (await host.DeploymentAsync(ChurnExplorerApp.AppId, Ct))!.Versions[0].Decision;
        await host.SaveDecisionAsync(version, new AppDecision(0.5, 500, 0, 100, 0), Ct);

        Assert.Contains("false positive", refused.Message);
        Assert.Equal((0.42, "dora"), (saved!.Threshold, saved.SetBy));
    }

    [Fact]
    public async Task SavedScenariosBelongToTheUserWhoSavedThem()
    {
        SignIn("sally", Policies.AppsRead);
        var sally = Services.GetRequiredService<IAppHost>();
        await sally.SaveAsync(ChurnExplorerApp.AppId, "scenario", "two-year", "{}", Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => sally.SaveAsync(ChurnExplorerApp.AppId, "scenario", "big", new string('x', 70_000), Ct));

        var other = AppHostRegistration.Host(Portal, Services, new SignedIn("tom"));

        Assert.Equal(["two-year"], (await sally.SavedAsync(ChurnExplorerApp.AppId, "scenario", Ct)).Select(i => i.Name));
        Assert.Empty(await other.SavedAsync(ChurnExplorerApp.AppId, "scenario", Ct));
        Assert.False(await other.DeleteSavedAsync(ChurnExplorerApp.AppId, "scenario", "two-year", Ct));
    }

    [Fact]
    public async Task AStoppedDeploymentIsSaidInWords()
    {
        await DeployAsync("churn-explorer-stopped");
        await Portal.Get<AppBindingStore>().BindAsync("stopped-app", "churn-explorer-stopped", DeployedPortal.Dora, Ct);
        await Portal.Get<DeploymentService>().StopAsync("churn-explorer-stopped", DeployedPortal.Dora, Ct);
        SignIn("bea", Policies.AppsRead);
        var host = Services.GetRequiredService<IAppHost>();

        // Serving notices the stop at its next poll: ask until it says so (a half row is refused as such before then).
        string? said = null;
        for (var i = 0; i < 80 && said?.Contains("stopped") != true; i++)
        {
            try
            {
                await host.ExplainAsync("stopped-app", [new Dictionary<string, object?> { ["tenure"] = 1 }], Ct);
            }
            catch (AppUnavailableException e)
            {
                said = e.Message;
            }
            await Task.Delay(250, Ct);
        }

        Assert.Equal("Deployment churn-explorer-stopped is stopped: scores cannot be updated until it is started again.", said);
    }

    /// <summary>Another signed-in user, for a host that acts for someone else than bUnit's user.</summary>
    private sealed class SignedIn(string name) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, name)], "test"))));
    }

    private async Task BindAsync()
    {
        if (await Portal.Get<DeploymentStore>().GetAsync("churn-explorer-pages", Ct) is null) await DeployAsync("churn-explorer-pages");
        await Portal.Get<AppBindingStore>().BindAsync(ChurnExplorerApp.AppId, "churn-explorer-pages", DeployedPortal.Dora, Ct);
    }
}
