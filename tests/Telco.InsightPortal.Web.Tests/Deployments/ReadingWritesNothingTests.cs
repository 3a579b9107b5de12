using System.Net;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>Reading never writes, through the real host: a signed-in Auditor's page request (prerendered with every
/// read the try-it form makes) and API reads leave the store as it was; an Analyst is turned away.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class ReadingWritesNothingTests(DeployedPortal portal)
{
    [Fact]
    public async Task AnAuditorOpeningADeploymentAndReadingItsApiLeavesTheStoreAsItWas()
    {
        await portal.Get<DeploymentService>().CreateAsync("churn-audit", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        var auditor = await SignInAsync("otto-http", Roles.Auditor);
        var token = await portal.Portal.ClientForAsync("otto-api", Roles.Auditor);
        var factory = portal.Get<IConnectionFactory>();
        var before = await StoreCounts.SettledAsync(factory);

        var page = await auditor.GetAsync("/deployments/churn-audit", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var api = await token.GetAsync("/api/v1/deployments/churn-audit", Ct);
        var keys = await token.GetAsync("/api/v1/deployments/churn-audit/keys", Ct);
        var list = await token.GetAsync("/api/v1/deployments", Ct);
        var after = await StoreCounts.ReadAsync(factory);

        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("try-inputs", html);
        Assert.DoesNotContain("try-score", html);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (api.StatusCode, keys.StatusCode, list.StatusCode));
    }

    [Fact]
    public async Task AnAnalystIsDeniedTheDeploymentPageAndLeavesTheStoreAsItWas()
    {
        await portal.Get<DeploymentService>().CreateAsync("churn-analyst", "churn", "1", null, 1, DeployedPortal.Dora, Ct);
        var analyst = await SignInAsync("arthur-http", Roles.Analyst);
        var factory = portal.Get<IConnectionFactory>();
        var before = await StoreCounts.SettledAsync(factory);

        var page = await analyst.GetAsync("/deployments/churn-analyst", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        // A page without access answers 403 with the access-denied page in place (no redirect).
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Access denied", html);
        Assert.DoesNotContain("try-inputs", html);
        Assert.Equal(before, await StoreCounts.ReadAsync(factory));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A browser-like client on the portal's Kestrel address, signed in through the form with a session cookie.</summary>
    private async Task<HttpClient> SignInAsync(string username, string role)
    {
        await portal.Portal.CreateAsync(username, role);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portal.Portal.ClientOptions.BaseAddress };
        var form = await CookieSignIn.FormAsync(client, "/account/login", new() { ["username"] = username, ["password"] = PortalUsers.Password, ["returnUrl"] = "/" });
        var signedIn = await client.PostAsync("/account/signin", form, Ct);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (signedIn.StatusCode, signedIn.Headers.Location?.OriginalString));
        return client;
    }
}
