using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Apps.Pages;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Apps;

/// <summary>The Apps page over the real portal's store: who sees which app, and binding controls for those who bind.</summary>
public sealed class AppCatalogPageTests : DeploymentsTestContext, IClassFixture<DeployedPortal>
{
    public AppCatalogPageTests(DeployedPortal portal) : base(portal)
    {
        Services.AddSingleton(portal.Get<AppCatalog>());
        Services.AddSingleton(portal.Get<AppBindingStore>());
        Services.AddSingleton(portal.Get<AppBinder>());
        Services.AddAppHost(portal);
    }

    [Fact]
    public async Task ADataScientistSeesTheBindingAndUnbindsTheApp()
    {
        await DeployAsync("churn-catalog");
        await Portal.Get<AppBindingStore>().BindAsync("roi-threshold", "churn-catalog", DeployedPortal.Dora, Ct);
        SignIn("dora", Policies.AppsRead, Policies.AppsWrite);
        RenderProviders();

        var cut = Render<AppCatalogPage>();
        cut.WaitForAssertion(() => Assert.Contains("Bound to deployment churn-catalog by dora", Card(cut).TextContent));
        Assert.NotNull(Card(cut).QuerySelector("[data-testid=app-open]"));
        cut.Find("[data-testid=app-unbind]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Not bound to a deployment yet.", Card(cut).TextContent));
        Assert.Null(Card(cut).QuerySelector("[data-testid=app-open]"));
        Assert.Null(await Portal.Get<AppBindingStore>().GetAsync("roi-threshold", Ct));
    }

    [Fact]
    public void ABusinessUserSeesTheAppsMadeForTheRoleWithoutBindingControls()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("bella");
        auth.SetRoles(Roles.BusinessUser);
        auth.SetPolicies(Policies.AppsRead, Policies.SignedIn);

        var cut = Render<AppCatalogPage>();

        cut.WaitForAssertion(() => Assert.Contains("ROI & Threshold", Card(cut).TextContent));
        Assert.Empty(cut.FindAll("[data-testid=app-bind]"));
    }

    [Fact]
    public void ARoleNoAppIsMadeForIsToldSo()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("arthur");
        auth.SetRoles(Roles.Analyst);
        auth.SetPolicies(Policies.AppsRead, Policies.SignedIn);

        var cut = Render<AppCatalogPage>();

        cut.WaitForAssertion(() => Assert.Contains("No apps for your role", cut.Markup));
        Assert.Empty(cut.FindAll("[data-app]"));
    }

    [Fact]
    public async Task TheRoiAppSaysWhenItIsNotBoundAndOnceBoundShowsTheServedVersionsHeldOutPredictions()
    {
        SignIn("bella", Policies.AppsRead);
        await Portal.Get<AppBindingStore>().UnbindAsync("roi-threshold", DeployedPortal.Dora, Ct);

        var unbound = Render<Telco.Apps.RoiThreshold.Pages.RoiThresholdPage>();
        unbound.WaitForAssertion(() => Assert.Contains("not bound to a deployment yet", unbound.Find("#roi-problem").TextContent));
        await DeployAsync("churn-roi-page");
        await Portal.Get<AppBindingStore>().BindAsync("roi-threshold", "churn-roi-page", DeployedPortal.Dora, Ct);
        var bound = Render<Telco.Apps.RoiThreshold.Pages.RoiThresholdPage>();

        bound.WaitForAssertion(() => Assert.Contains("churn v1 (served by churn-roi-page)", bound.Find("#roi-source").TextContent));
        Assert.NotEmpty(bound.Find("#roi-net-value [data-testid=figure-value]").TextContent.Trim());
        await Portal.Get<AppBindingStore>().UnbindAsync("roi-threshold", DeployedPortal.Dora, Ct);
    }

    private static AngleSharp.Dom.IElement Card(IRenderedComponent<AppCatalogPage> cut) => cut.Find("[data-app=roi-threshold]");
}
