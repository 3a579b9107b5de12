using System.Net.Http.Headers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>
/// Entra ID mode without Entra: the JWT options get a test signing key and issuer, as a tenant's metadata
/// would supply them, and tokens minted here must pass or fail exactly as Entra-issued ones would.
/// </summary>
public sealed class EntraIdTokenTests : IAsyncLifetime
{
    private const string TenantId = "6b1f5c3e-0f43-4a57-9d2c-5b2f1d0a7e11";
    private const string ClientId = "0c6d7a35-8f5b-4a26-b7f2-3e9a1c2d4b58";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "portal-test-key" };
    private PortalFactory _portal = default!;

    public async ValueTask InitializeAsync()
    {
        _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "EntraId",
            ["Auth:EntraId:Instance"] = "https://login.microsoftonline.com/",
            ["Auth:EntraId:TenantId"] = TenantId,
            ["Auth:EntraId:ClientId"] = ClientId,
            ["Auth:RoleMap:Telco.Scientist"] = "DataScientist",
        }, services: s => s.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(_key);
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            o.TokenValidationParameters.ValidIssuer = Issuer;
            // Entra's multi-tenant issuer validator fetches instance metadata; offline, the plain issuer check stands in.
            o.TokenValidationParameters.IssuerValidator = null;
            var failed = o.Events.OnAuthenticationFailed;
            o.Events.OnAuthenticationFailed = c => { Failures.Add(c.Exception.Message); return failed(c); };
        }));
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Failures = [];

    [Fact]
    public async Task ValidTokenWithAMappedAppRoleIsAccepted()
    {
        var response = await CallAsync(Token(roles: ["Telco.Scientist"]));

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join(" | ", Failures) + response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task ValidTokenWithoutAPortalRoleIsForbidden()
    {
        var response = await CallAsync(Token(roles: ["Something.Else"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["expired", "future-nbf", "wrong-audience", "wrong-issuer", "alg-none", "unknown-key"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadTokensAreUnauthorized(string kind)
    {
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "expired" => Token(notBefore: now.AddHours(-2), expires: now.AddHours(-1)),
            "future-nbf" => Token(notBefore: now.AddHours(1), expires: now.AddHours(2)),
            "wrong-audience" => Token(audience: "api://someone-else"),
            "wrong-issuer" => Token(issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"),
            "alg-none" => Unsigned(),
            _ => Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "portal-test-key" }),
        };

        var response = await CallAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> CallAsync(string token)
    {
        var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/datasets");
    }

    private string Token(string[]? roles = null, DateTime? notBefore = null, DateTime? expires = null, string? audience = null,
        string? issuer = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["tid"] = TenantId, ["oid"] = Guid.NewGuid().ToString(), ["preferred_username"] = "scientist@example.com" };
        claims["roles"] = roles ?? ["DataScientist"];
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? ClientId,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Unsigned()
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." +
               B64($"{{\"iss\":\"{Issuer}\",\"aud\":\"{ClientId}\",\"tid\":\"{TenantId}\",\"nbf\":{now - 60},\"exp\":{now + 1800},\"roles\":[\"Admin\"]}}") + ".";
    }
}
