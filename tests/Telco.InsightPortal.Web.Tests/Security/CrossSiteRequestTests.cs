using System.Net;
using System.Net.Http.Json;
using System.Text;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>What a hostile page can make a signed-in browser send: a form post carrying the session cookie but no
/// antiforgery token. It changes nothing; the portal's own pages and bearer clients go on working.</summary>
public sealed class CrossSiteRequestTests
{
    private const string Experiment = "/api/2.0/mlflow/experiments";

    [Fact]
    public async Task ACrossSiteFormPostWithTheSessionCookieIsRefusedAndChangesNothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (browser, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        var scientist = await portal.ClientForAsync("dora", Roles.DataScientist);

        // <form enctype="text/plain"> sends a body that reads as JSON: {"name":"planted","x":"=y"}.
        var response = await browser.SendAsync(CrossSite(HttpMethod.Post, Experiment + "/create",
            new StringContent("{\"name\":\"planted\",\"x\":\"=y\"}", Encoding.UTF8, "text/plain")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scientist.GetAsync(Experiment + "/get-by-name?experiment_name=planted")).StatusCode);
    }

    [Fact]
    public async Task ACrossSiteSignOutIsRefusedAndTheSessionGoesOn()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (browser, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);

        var response = await browser.SendAsync(CrossSite(HttpMethod.Post, "/account/signout", new FormUrlEncodedContent([])));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task ACookieCallCarryingAPagesAntiforgeryTokenIsAccepted()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (browser, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        var token = await CookieSignIn.AntiforgeryTokenAsync(browser, "/account/password");

        var request = new HttpRequestMessage(HttpMethod.Post, Experiment + "/create") { Content = JsonContent.Create(new { name = "from-a-page" }) };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ThePortalsOwnCookieDownloadsStillWork()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (browser, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);

        var export = await browser.GetAsync("/api/v1/audit/export.csv");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task BearerClientsNeedNoAntiforgeryToken()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var scientist = await portal.ClientForAsync("dora", Roles.DataScientist);

        var created = await scientist.PostAsJsonAsync(Experiment + "/create", new { name = "from-a-client" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    private static HttpRequestMessage CrossSite(HttpMethod method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Referrer = new Uri("https://evil.example/win-a-prize.html");
        return request;
    }
}
