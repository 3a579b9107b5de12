using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

public sealed class LocalSignInTests
{
    [Fact]
    public async Task AnonymousPageRequestRedirectsToSignInAndApiAnswers401()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetAsync("/data");
        var api = await client.GetAsync("/api/v1/datasets");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task SignInWithTheBootstrapPasswordOpensTheDataPages()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var (client, response) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        var data = await client.GetAsync("/data");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenForTheRightPassword()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Auth:LockoutThreshold"] = "3" });
        await portal.CreateAsync("bob", Roles.Analyst);

        for (var i = 0; i < 3; i++) await portal.SignInAsync("bob", "wrong-password-" + i);
        var (_, response) = await portal.SignInAsync("bob", PortalUsers.Password);

        Assert.Contains("error=locked", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOutEndsTheSessionEvenForACopiedCookie()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (client, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        var copy = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = string.Join("; ", (await client.GetAsync("/")).RequestMessage!.Headers.GetValues("Cookie"));
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/data")).StatusCode);

        var signOut = await client.PostAsync("/account/signout", await CookieSignIn.FormAsync(client, "/account/password", []));
        var replay = await copy.GetAsync("/data");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/account/login", replay.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task TokenRevocationAndExpiryTakeEffectOnTheNextRequest()
    {
        // The expiry is forced in the store behind the portal's back, as another instance would: no check cache here.
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Auth:CheckCacheSeconds"] = "0" });
        await portal.CreateAsync("dan", Roles.DataScientist);
        var revoked = portal.AdminTokenClient(await portal.TokenAsync("dan"));
        var expiring = portal.AdminTokenClient(await portal.TokenAsync("dan"));
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/datasets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await expiring.GetAsync("/api/v1/datasets")).StatusCode);
        var tokens = (await revoked.GetFromJsonAsync<List<TokenView>>("/api/v1/tokens"))!;

        await revoked.DeleteAsync($"/api/v1/tokens/{tokens.Max(t => t.Id)}");
        await using (var connection = await portal.Services.GetRequiredService<IConnectionFactory>().OpenAsync())
            await connection.ExecuteAsync("UPDATE access_tokens SET expires_at = @Past WHERE id = @Id", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), Id = tokens.Min(t => t.Id) });

        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/datasets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expiring.GetAsync("/api/v1/datasets")).StatusCode);
    }

    [Fact]
    public async Task SomeoneElsesTokenCannotBeRevoked()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var alice = await portal.ClientForAsync("alice", Roles.Analyst);
        var bob = await portal.ClientForAsync("bob", Roles.Analyst);
        var aliceTokens = await alice.GetFromJsonAsync<List<TokenView>>("/api/v1/tokens");

        var response = await bob.DeleteAsync($"/api/v1/tokens/{aliceTokens![0].Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/v1/tokens")).StatusCode);
    }

    [Fact]
    public async Task TokenEndpointRefusesMissingOrWrongBasicCredentials()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = portal.CreateClient();
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:nope-nope-nope")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/tokens", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task SignInIsRateLimitedPerAddress()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Auth:SignInPerMinute"] = "3" });
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsync("/api/v1/tokens", null)).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private sealed record TokenView(long Id, string Name, string Prefix);
}
