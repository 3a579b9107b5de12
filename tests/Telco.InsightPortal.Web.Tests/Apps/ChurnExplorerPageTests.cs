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
        Services.AddScoped<IAppHost>(sp => new PortalAppHost(portal.Get<AppBindingStore>(), portal.Get<DeploymentStore>(), portal.Get<RegistryStore>(),
            portal.Get<RunArtifacts>(), portal.Get<AppScoring>(), portal.Get<AppRows>(), portal.Get<AppSavedItemStore>(),
            sp.GetRequiredService<AuthenticationStateProvider>(), sp.GetRequiredService<IAuthorizationService>(), sp.GetRequiredService<IAuditActorAccessor>()));
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

    private async Task BindAsync()
    {
        if (await Portal.Get<DeploymentStore>().GetAsync("churn-explorer-pages", Ct) is null) await DeployAsync("churn-explorer-pages");
        await Portal.Get<AppBindingStore>().BindAsync(ChurnExplorerApp.AppId, "churn-explorer-pages", DeployedPortal.Dora, Ct);
    }
}
