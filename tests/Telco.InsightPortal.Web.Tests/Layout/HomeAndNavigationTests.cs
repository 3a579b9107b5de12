using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Components.Layout;
using Telco.InsightPortal.Web.Components.Pages;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Layout;

/// <summary>Each role sees only what it can use, and its home page says what that is; nothing leads to a page not built.</summary>
public sealed class HomeAndNavigationTests : PortalTestContext
{
    private TestStore _store = null!;

    public override async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        Services.AddSingleton(new DatasetStore(_store.Factory));
        Services.AddSingleton(new AppCatalog(AppsHosting.Hosted));
        Services.AddSingleton(new AppBindingStore(_store.Factory, new AuditTrail(_store.Factory, TimeProvider.System), TimeProvider.System));
        Services.AddSingleton(new Data.Dashboards.DashboardStore(_store.Factory, new AuditTrail(_store.Factory, TimeProvider.System), TimeProvider.System));
        Services.AddScoped<Web.Dashboards.DashboardService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _store.DisposeAsync();
    }

    [Fact]
    public void ABusinessUserWithNoBoundAppSeesNothingSharedYetTheAppsAreaAndWhatATokenIsGoodForInTheRole()
    {
        SignIn("bella", "apps:read", "dashboards:read");

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Contains("Nothing shared with you yet", home.Markup));
        Assert.Equal(["area-apps", "area-dashboards"], home.FindAll(".area-card").Select(c => c.Id));
        Assert.Empty(home.FindAll("#home-apps"));
        Assert.Contains("in apps (read)", home.Find("#area-tokens").TextContent);
    }

    [Fact]
    public void ADataScientistSeesEachAreaWithWhatTheRoleMayChangeThere()
    {
        SignIn("dora", Policies.DataRead, Policies.DataWrite, Policies.ExperimentsRead, Policies.ExperimentsWrite,
            Policies.ModelsRead, Policies.ModelsWrite, Policies.DeploymentsRead, Policies.DeploymentsWrite);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Equal(4, home.FindAll(".area-card").Count));
        Assert.Equal(["area-data", "area-experiments", "area-models", "area-deployments"], home.FindAll(".area-card").Select(c => c.Id));
        Assert.Contains("Upload CSV batches", home.Find("#area-data").TextContent);
        Assert.Contains("deployments (read and change)", home.Find("#area-tokens").TextContent);
        Assert.DoesNotContain("Nothing shared", home.Markup);
    }

    [Fact]
    public void AnAuditorReadsEverywhereAndIsNotOfferedChanges()
    {
        SignIn("otto", Policies.DataRead, Policies.ExperimentsRead, Policies.ModelsRead, Policies.DeploymentsRead, Policies.AuditRead, Policies.AdminRead);

        var home = Render<Home>();

        home.WaitForAssertion(() => Assert.Equal(6, home.FindAll(".area-card").Count));
        Assert.Empty(home.FindAll(".area-write"));
        Assert.Contains("Search the tamper-evident audit trail", home.Find("#area-audit").TextContent);
    }

    [Fact]
    public void TheNavigationListsOnlyTheAreasARoleMayReadAndNoneThatAreNotBuilt()
    {
        SignIn("arthur", Policies.DataRead, Policies.ExperimentsRead, Policies.ModelsRead, "dashboards:read", "lineage:read", "monitoring:read");

        var nav = Render<NavMenu>();

        var links = nav.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/dashboards", "/data", "/experiments", "/models", "/alerts", "/lineage"], links);
        Assert.Empty(nav.FindAll(".mud-nav-link-disabled"));
    }

    private void SignIn(string user, params string[] policies)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetPolicies([.. policies, Policies.SignedIn]);
    }
}
