using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>The portal on Kestrel, reached from 127.0.0.1: this test is the reverse proxy. Configured as a known proxy,
/// its X-Forwarded-For and X-Forwarded-Proto decide the client's address and scheme; otherwise they are ignored.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Trusted = "127.0.0.1";
    private const string SomeOtherProxy = "192.0.2.10";

    [Theory]
    [InlineData(Trusted, HttpStatusCode.Unauthorized)]
    [InlineData(SomeOtherProxy, HttpStatusCode.TooManyRequests)]
    public async Task TheSignInRateLimitHasABucketPerForwardedClientOnlyBehindAKnownProxy(string knownProxy, HttpStatusCode secondClient)
    {
        await using var portal = await PortalBehindAsync(knownProxy, ("Auth:SignInPerMinute", "2"));
        var client = ProxyClient(portal);

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) first.Add((await client.SendAsync(TokenRequest("198.51.100.1"))).StatusCode);
        var second = await client.SendAsync(TokenRequest("198.51.100.2"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(secondClient, second.StatusCode);
    }

    [Theory]
    [InlineData(Trusted, "198.51.100.7")]
    [InlineData(SomeOtherProxy, "127.0.0.1")]
    public async Task TheAuditTrailRecordsTheForwardedClientOnlyBehindAKnownProxy(string knownProxy, string recorded)
    {
        await using var portal = await PortalBehindAsync(knownProxy);
        var client = ProxyClient(portal);

        await client.SendAsync(TokenRequest("198.51.100.7", "ghost-at-the-proxy"));

        Assert.Equal(recorded, await AuditedAddressAsync(portal, "ghost-at-the-proxy"));
    }

    [Fact]
    public async Task AClientAddressForgedBeforeTheProxyIsNotBelieved()
    {
        await using var portal = await PortalBehindAsync(Trusted);
        var client = ProxyClient(portal);

        // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw.
        await client.SendAsync(TokenRequest("10.9.9.9, 198.51.100.8", "ghost-forging"));

        Assert.Equal("198.51.100.8", await AuditedAddressAsync(portal, "ghost-forging"));
    }

    [Theory]
    [InlineData(Trusted, true)]
    [InlineData(SomeOtherProxy, false)]
    public async Task TheSessionCookieIsSecureWhenAKnownProxySaysHttps(string knownProxy, bool secure)
    {
        await using var portal = await PortalBehindAsync(knownProxy);
        var client = ProxyClient(portal);
        var form = await CookieSignIn.FormAsync(client, "/account/login", new()
        {
            ["username"] = "admin", ["password"] = PortalFactory.AdminPassword, ["returnUrl"] = "/",
        });

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = form, Headers = { { "X-Forwarded-For", "198.51.100.9" }, { "X-Forwarded-Proto", "https" } },
        });

        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("telco.session=", StringComparison.Ordinal));
        Assert.Equal(secure, session.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData(Trusted, true)]
    [InlineData(SomeOtherProxy, false)]
    public async Task ProductionSendsHstsWhenAKnownProxySaysHttps(string knownProxy, bool hsts)
    {
        await using var portal = await PortalBehindAsync(knownProxy,
            ("environment", "Production"), ("Audit:CheckpointKey", Convert.ToBase64String(new byte[32])));
        var client = ProxyClient(portal);
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login") { Headers = { { "X-Forwarded-For", "198.51.100.10" }, { "X-Forwarded-Proto", "https" } } };
        request.Headers.Host = "portal.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(hsts, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("KnownProxies", "proxy.internal", "Portal:ForwardedHeaders:KnownProxies: 'proxy.internal' is not an IP address")]
    [InlineData("KnownNetworks", "10.0.0.0/33", "Portal:ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network")]
    [InlineData("KnownNetworks", "10.0.0.0", "Portal:ForwardedHeaders:KnownNetworks: '10.0.0.0' is not a network")]
    public async Task ABadProxySettingStopsStartUpWithAMessageNamingIt(string key, string value, string message)
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["Portal:ForwardedHeaders:" + key] = value });

        var error = Record.Exception(() => portal.Services);

        Assert.Contains(message, error?.ToString());
    }

    [Fact]
    public async Task SeveralProxiesAndNetworksMayBeListedInOneValue()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Portal:ForwardedHeaders:KnownProxies"] = "10.0.0.5; fd00::5", ["Portal:ForwardedHeaders:KnownNetworks"] = "192.0.2.0/24,127.0.0.0/8",
        });
        portal.StartKestrel();
        var client = ProxyClient(portal);

        await client.SendAsync(TokenRequest("198.51.100.11", "ghost-in-a-network"));

        Assert.Equal("198.51.100.11", await AuditedAddressAsync(portal, "ghost-in-a-network"));
    }

    private static async Task<PortalFactory> PortalBehindAsync(string knownProxy, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Portal:ForwardedHeaders:KnownProxies"] = knownProxy };
        foreach (var (key, value) in settings) all[key] = value;
        var portal = await PortalFactory.CreateAsync(settings: all);
        portal.StartKestrel();
        return portal;
    }

    /// <summary>The source address of the failed sign-in audited for <paramref name="username"/>.</summary>
    private static async Task<string> AuditedAddressAsync(PortalFactory portal, string username)
    {
        await using var connection = await portal.Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        return await connection.QuerySingleAsync<string>(
            "SELECT source_ip FROM audit_entries WHERE action = 'user.signin' AND target_id = @username", new { username });
    }

    /// <summary>A plain client of the Kestrel server: the factory's own clients follow redirects there, keeping the
    /// forwarded headers, and would chase the portal's https:// redirects.</summary>
    private static HttpClient ProxyClient(PortalFactory portal) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = portal.ClientOptions.BaseAddress };

    /// <summary>A token request with wrong HTTP Basic credentials, as forwarded by the proxy: rate-limited, and audited
    /// as a failed sign-in of <paramref name="username"/>.</summary>
    private static HttpRequestMessage TokenRequest(string forwardedFor, string username = "ghost")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":wrong-password")));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "http");
        return request;
    }
}
