using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.TestSupport;

/// <summary>Real accounts in the portal's store, and clients signed in as them.</summary>
public static class PortalUsers
{
    public const string Password = "Correct-Horse-Battery-9";

    public static async Task<long> CreateAsync(this PortalFactory portal, string username, params string[] roles)
    {
        var users = portal.Services.GetRequiredService<UserStore>();
        return await users.CreateAsync(username, username, LocalAccounts.Hash(username, Password), false, roles, AuditActor.System);
    }

    /// <summary>An account made directly in a store, for portals running as processes of their own.</summary>
    public static async Task<long> CreateUserAsync(this TestStore store, string username, params string[] roles) =>
        await new UserStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System)
            .CreateAsync(username, username, LocalAccounts.Hash(username, Password), false, roles, AuditActor.System);

    /// <summary>A personal access token for the user, issued through the API with HTTP Basic.</summary>
    public static async Task<string> TokenAsync(this PortalFactory portal, string username, string password = Password)
    {
        var client = portal.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "test" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token for {username}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<HttpClient> ClientForAsync(this PortalFactory portal, string username, params string[] roles)
    {
        await portal.CreateAsync(username, roles);
        // ClientOptions.BaseAddress is the Kestrel address once StartKestrel ran; new options would default to port 80.
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = portal.ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.TokenAsync(username));
        return client;
    }

    public static HttpClient AdminTokenClient(this PortalFactory portal, string token)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
