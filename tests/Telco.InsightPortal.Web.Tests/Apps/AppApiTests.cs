using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Apps;

/// <summary>
/// <c>/api/v1/apps</c> on a real portal: the catalog with bindings, binding refused for a missing deployment or one
/// whose served schema lacks what the app needs (columns named), audited binding and unbinding, and roles.
/// </summary>
public sealed class AppApiTests(DeployedPortal deployed) : IClassFixture<DeployedPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADataScientistBindsAndUnbindsAndABusinessUserSeesTheBindingButMayNotChangeIt()
    {
        await DeployAsync("churn-roi");
        var dora = await deployed.Portal.ClientForAsync("sam", Roles.DataScientist);
        var bella = await deployed.Portal.ClientForAsync("bea", Roles.BusinessUser);

        var before = await AppsAsync(bella);
        var refused = await bella.PostAsJsonAsync("/api/v1/apps/roi-threshold/deployment", new { deployment = "churn-roi" }, Ct);
        var bound = await dora.PostAsJsonAsync("/api/v1/apps/roi-threshold/deployment", new { deployment = "churn-roi" }, Ct);
        var after = await AppsAsync(bella);
        var unbound = await dora.DeleteAsync("/api/v1/apps/roi-threshold/deployment", Ct);
        var again = await dora.DeleteAsync("/api/v1/apps/roi-threshold/deployment", Ct);

        Assert.Null(before["roi-threshold"].GetProperty("deployment").GetString());
        Assert.Equal("BusinessUser", before["roi-threshold"].GetProperty("requiredRole").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal("churn-roi", after["roi-threshold"].GetProperty("deployment").GetString());
        Assert.Equal(HttpStatusCode.NoContent, unbound.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var c = await deployed.Get<Data.Store.IConnectionFactory>().OpenAsync(Ct);
        var audit = (await c.QueryAsync<(string Action, string Actor)>("SELECT action, actor FROM audit_entries WHERE target_type = 'app' ORDER BY seq")).ToList();
        Assert.Equal([("app.bind", "sam"), ("app.unbind", "sam")], audit);
    }

    [Fact]
    public async Task BindingToAMissingDeploymentOrAnUnknownAppOrWithoutABodyIsRefusedAndWritesNothing()
    {
        var dora = await deployed.Portal.ClientForAsync("sid", Roles.DataScientist);

        var missing = await dora.PostAsJsonAsync("/api/v1/apps/roi-threshold/deployment", new { deployment = "nowhere" }, Ct);
        var unknown = await dora.PostAsJsonAsync("/api/v1/apps/no-such-app/deployment", new { deployment = "nowhere" }, Ct);
        var empty = await dora.PostAsJsonAsync("/api/v1/apps/roi-threshold/deployment", new { }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Deployment 'nowhere' does not exist", await missing.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no app 'no-such-app'", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Null(await deployed.Get<AppBindingStore>().GetAsync("roi-threshold", Ct));
    }

    [Fact]
    public async Task ADeploymentWhoseServedSchemaLacksOrMistypesWhatTheAppNeedsIsRefusedWithTheColumnsNamed()
    {
        await DeployAsync("churn-schema");
        var app = new NeedyApp();
        var binder = new AppBinder(new AppCatalog([app]), deployed.Get<AppBindingStore>(), deployed.Get<DeploymentStore>(),
            deployed.Get<PortalKeys>(), deployed.Portal.Services);

        var refused = await Assert.ThrowsAsync<Core.Errors.PortalException>(() => binder.BindToAsync(app.Id, "churn-schema", DeployedPortal.Dora, Ct));

        Assert.Equal(400, refused.Status);
        Assert.Contains("missing column 'NoSuchColumn' (number)", refused.Message);
        Assert.Contains("column 'Contract' is text, the app needs number", refused.Message);
        Assert.DoesNotContain("tenure", refused.Message);
        Assert.Null(await deployed.Get<AppBindingStore>().GetAsync(app.Id, Ct));
    }

    private async Task DeployAsync(string name) =>
        await deployed.Get<DeploymentService>().CreateAsync(name, "churn", "1", null, 1, DeployedPortal.Dora, Ct);

    private static async Task<Dictionary<string, JsonElement>> AppsAsync(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/apps", Ct);
        return list!.ToDictionary(a => a.GetProperty("id").GetString()!);
    }

    /// <summary>An app that needs one input the churn model has, one it types otherwise and one it lacks.</summary>
    private sealed class NeedyApp : IPortalApp
    {
        public string Id => "needy";
        public string Name => "Needy";
        public string Description => "Needs columns.";
        public string Icon => "";
        public string RequiredRole => "BusinessUser";
        public IReadOnlyList<AppInput> RequiredInputs => [AppInput.Number("tenure"), AppInput.Number("Contract"), AppInput.Number("NoSuchColumn")];
    }
}
