using System.Net;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

public sealed class HardeningTests
{
    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await portal.CreateClient().GetAsync("/account/login");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task RequestsForAHostNotAllowedAreRejected()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "portal.example" });
        var client = portal.CreateClient();

        var wrong = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "evil.example" } });
        var right = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "portal.example" } });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ASessionCookieFromOneInstanceIsAcceptedByAnotherOnTheSameStore(StoreProvider provider)
    {
        await using var first = await PortalFactory.CreateAsync(provider);
        await using var second = first.SecondInstance();
        var (client, _) = await first.SignInAsync("admin", PortalFactory.AdminPassword);
        var cookie = string.Join("; ", (await client.GetAsync("/data")).RequestMessage!.Headers.GetValues("Cookie"));

        var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await other.GetAsync("/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPagesGetTheNotFoundPageNotAnError()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (client, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}
