using Microsoft.AspNetCore.Http;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Serving.Scoring;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>Default deny, checked two ways: every mapped endpoint names a policy (or is explicitly
/// anonymous), and for every endpoint × caller the status is what the role matrix says.</summary>
public sealed class RoleMatrixTests
{
    // Mapped by the framework with no metadata of ours: the circuit hub (the fallback policy, signed-in users
    // only, covers it, which NegotiatingTheCircuitRequiresSignIn checks), Blazor's own redirect helper, and the
    // development-time static file fallback, which serves only files under wwwroot.
    private static readonly string[] FrameworkRoutes = ["_blazor", "_framework/", "{**path:file}"];

    private static readonly Dictionary<string, string> RouteValues = new()
    {
        ["{name}"] = "telco-churn", ["{Name}"] = "telco-churn", ["{id:long}"] = "1",
        ["{documentName:regex(^v1$)}"] = "v1", ["{documentName:regex(^serving$)}"] = "serving",
        ["{runId}"] = "no-such-run", ["{deployment}"] = "telco-churn",
    };

    [Fact]
    public async Task EveryEndpointAndPageNamesAPolicyOrIsExplicitlyAnonymous()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var unprotected = Endpoints(portal).Where(e => Policy(e) is null && !IsAnonymous(e)).Select(Describe).ToList();

        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task EveryCallerGetsWhatTheRoleMatrixSays()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var callers = new Dictionary<string, HttpClient> { ["anonymous"] = portal.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var role in Roles.All) callers[role] = await portal.ClientForAsync(role.ToLowerInvariant() + "-user", role);
        var failures = new List<string>();

        foreach (var endpoint in Endpoints(portal).Where(e => Policy(e) is not null && !IsAnonymous(e)))
        {
            var policy = Policy(endpoint)!;
            var (method, path) = Request(endpoint);
            var isApi = path.StartsWith("/api", StringComparison.Ordinal);
            foreach (var (caller, client) in callers)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                var status = (int)response.StatusCode;
                // Scoring takes a deployment's access key, never a user's session or token.
                if (policy == ScoringEndpoints.KeyPolicy)
                {
                    if (status != 401) failures.Add($"{method} {path} [{policy}] as {caller}: {status}");
                    continue;
                }
                var allowed = caller != "anonymous" && Allows(policy, caller);
                var ok = caller == "anonymous"
                    ? isApi ? status == 401 : status == 302 && response.Headers.Location!.OriginalString.Contains("/account/login")
                    : allowed ? status is not (401 or 403) and < 500 : status == 403;
                if (!ok) failures.Add($"{method} {path} [{policy}] as {caller}: {status}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task NegotiatingTheCircuitRequiresSignIn()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/_blazor?id=circuit-of-someone-else");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static bool Allows(string policy, string role) =>
        policy == Policies.SignedIn || RoleMatrix.RolesFor(policy).Contains(role);

    private static IEnumerable<RouteEndpoint> Endpoints(PortalFactory portal) =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e => !FrameworkRoutes.Any(r => e.RoutePattern.RawText!.TrimStart('/').StartsWith(r, StringComparison.Ordinal)));

    /// <summary>The narrowest policy on the endpoint: every page also carries the signed-in convention, and all
    /// policies must pass, so the area policy is the one that decides.</summary>
    private static string? Policy(Endpoint e)
    {
        var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? Policies.SignedIn).ToList();
        return policies.FirstOrDefault(p => p != Policies.SignedIn) ?? policies.FirstOrDefault();
    }

    private static bool IsAnonymous(Endpoint e) => e.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static (string Method, string Path) Request(RouteEndpoint e)
    {
        var method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
        var path = "/" + e.RoutePattern.RawText!.TrimStart('/');
        foreach (var (pattern, value) in RouteValues) path = path.Replace(pattern, value);
        return (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? "GET" : method, path);
    }

    private static string Describe(RouteEndpoint e) => $"{e.RoutePattern.RawText} ({e.DisplayName})";
}
