using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Serving.Scoring;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Security;

/// <summary>
/// Default deny, checked on every page and endpoint the portal maps: each names an area policy, each that can change
/// something (POST, PUT, PATCH, DELETE) a <c>:write</c> one, and every exception is named below and in the README. Then
/// every caller gets, over HTTP, what <see cref="ExpectedRoleMatrix"/> says.
/// </summary>
public sealed partial class EndpointPolicyTests(EndpointPolicyTests.Portal fixture) : IClassFixture<EndpointPolicyTests.Portal>
{
    // Mapped by the framework with no metadata of ours: the circuit hub (the fallback policy, signed-in users only,
    // covers it, which NegotiatingTheCircuitRequiresSignIn checks), Blazor's own redirect helper, and the
    // development-time static file fallback, which serves only files under wwwroot.
    private static readonly string[] FrameworkRoutes = ["/_blazor", "/_framework/", "/{**path:file}"];

    /// <summary>Pages anyone may open: signing in and the error pages.</summary>
    private static readonly string[] AnonymousPages = ["/account/login", "/account/denied", "/error", "/not-found", "/status/{Code:int}"];

    /// <summary>Pages for every signed-in user, whatever their role: the home page and their own account.</summary>
    private static readonly string[] SignedInPages = ["/", "/account/password", "/account/tokens"];

    /// <summary>Endpoints anyone may call: the sign-in form post, the token endpoint (it checks HTTP Basic credentials
    /// itself) and the probes.</summary>
    private static readonly string[] AnonymousEndpoints =
    [
        "POST /account/signin", "POST /api/v1/tokens/", "* /health", "* /serving/ready", "GET /serving/{deployment}/ping", "GET /serving/{deployment}/health",
    ];

    /// <summary>Endpoints for every signed-in user on their own session and tokens, and the API's description.</summary>
    private static readonly string[] SignedInEndpoints =
    [
        "POST /account/signout", "GET /api/v1/tokens/", "DELETE /api/v1/tokens/{id:long}", "GET /api/{documentName:regex(^v1$)}/openapi.json",
    ];

    /// <summary>Reads that MLflow's API sends as POST (their criteria travel in the body), and the evidence pack, a read
    /// of the audit trail that is a POST because it records itself in the trail and checkpoints it: an area's read
    /// policy.</summary>
    private static readonly string[] ReadsByPost =
    [
        "POST /api/2.0/mlflow/runs/search", "POST /api/2.0/mlflow/experiments/search", "POST /api/2.0/mlflow/registered-models/get-latest-versions",
        "POST /api/v1/charts/query", "POST /api/v1/models/{name}/versions/{version:long}/evidence-pack",
    ];

    /// <summary>Scoring: a deployment's access key, never a user's session or token.</summary>
    private static readonly string[] ScoredWithAKey =
    [
        "POST /serving/{deployment}/invocations", "POST /serving/{deployment}/explain", "GET /serving/{deployment}/schema",
    ];

    private static readonly Dictionary<string, string> RouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "telco-churn", ["id"] = "1", ["runId"] = "no-such-run", ["deployment"] = "telco-churn", ["path"] = "1/no-such-run/artifacts/x",
        ["version"] = "1", ["snapshotId"] = "1",
    };

    /// <summary>A dashboard that does not exist: who may open, change or delete one that does (owner, shares) is decided
    /// after the role policy and tested in DashboardApiTests; here a 404 leaves only the role policy to answer.</summary>
    private const string NoSuchDashboard = "/api/v1/dashboards/987654";

    [Fact]
    public void EveryPageNamesAnAreaPolicy()
    {
        var unnamed = Pages().Where(p => !IsArea(AreaPolicies(p)) && !AnonymousPages.Contains(Route(p)) && !SignedInPages.Contains(Route(p)))
            .Select(p => $"{Route(p)} ({Describe(p)})").ToList();

        Assert.Empty(unnamed);
    }

    [Fact]
    public void EveryEndpointNamesAnAreaPolicy()
    {
        var named = AnonymousEndpoints.Concat(SignedInEndpoints).Concat(ScoredWithAKey).ToHashSet();

        var unnamed = Endpoints().Where(e => !IsArea(AreaPolicies(e)) && !named.Contains(Key(e))).Select(Describe).ToList();

        Assert.Empty(unnamed);
    }

    [Fact]
    public void EveryEndpointThatCanChangeSomethingNeedsWrite()
    {
        var exempt = AnonymousEndpoints.Concat(SignedInEndpoints).Concat(ScoredWithAKey).Concat(ReadsByPost).ToHashSet();

        var unguarded = Endpoints().Where(e => CanChange(e) && !exempt.Contains(Key(e)) && !AreaPolicies(e).Any(p => p.EndsWith(":write", StringComparison.Ordinal)))
            .Select(Describe).ToList();

        Assert.Empty(unguarded);
    }

    [Fact]
    public void EveryNamedExceptionExistsAndIsWhatItsListSays()
    {
        var pages = Pages().ToDictionary(Route);
        var endpoints = Endpoints().ToDictionary(Key);
        var problems = new List<string>();

        void Check(IEnumerable<string> names, IReadOnlyDictionary<string, RouteEndpoint> mapped, string list, Func<RouteEndpoint, bool> holds)
        {
            foreach (var name in names)
            {
                if (!mapped.TryGetValue(name, out var e)) problems.Add($"{list}: {name} is not mapped");
                else if (!holds(e)) problems.Add($"{list}: {name} is {Describe(e)}");
            }
        }

        Check(AnonymousPages, pages, nameof(AnonymousPages), IsAnonymous);
        Check(SignedInPages, pages, nameof(SignedInPages), e => !IsAnonymous(e) && PoliciesOf(e).All(p => p == Policies.SignedIn));
        Check(AnonymousEndpoints, endpoints, nameof(AnonymousEndpoints), IsAnonymous);
        Check(SignedInEndpoints, endpoints, nameof(SignedInEndpoints), e => !IsAnonymous(e) && PoliciesOf(e).SequenceEqual([Policies.SignedIn]));
        Check(ReadsByPost, endpoints, nameof(ReadsByPost), e => AreaPolicies(e) is [var p] && p.EndsWith(":read", StringComparison.Ordinal));
        Check(ScoredWithAKey, endpoints, nameof(ScoredWithAKey), e => PoliciesOf(e).SequenceEqual([ScoringEndpoints.KeyPolicy]));

        Assert.Empty(problems);
    }

    [Fact]
    public void TheReadmeNamesEveryException()
    {
        var section = ExpectedRoleMatrix.ReadmeSection();
        var routes = AnonymousPages.Concat(SignedInPages)
            .Concat(AnonymousEndpoints.Concat(SignedInEndpoints).Concat(ReadsByPost).Concat(ScoredWithAKey).Select(k => k.Split(' ')[1]));

        var missing = routes.Select(ReadmeForm).Where(r => !Regex.IsMatch(section, "`(?:[A-Z]+ )?" + Regex.Escape(r) + "`")).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task EveryCallerGetsWhatTheRoleMatrixSays()
    {
        var failures = new List<string>();

        foreach (var endpoint in Pages().Concat(Endpoints()).Where(e => !IsAnonymous(e)))
        {
            var (method, path) = Request(endpoint);
            var policies = PoliciesOf(endpoint);
            foreach (var (caller, client) in fixture.Callers)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                var status = (int)response.StatusCode;
                bool ok;
                if (policies.SequenceEqual([ScoringEndpoints.KeyPolicy])) ok = status == 401;
                else if (caller == "anonymous")
                    ok = Http.ApiFamilies.Of(path) != Http.ApiFamily.None ? status == 401
                        : status == 302 && response.Headers.Location!.OriginalString.Contains("/account/login");
                else ok = Allows(policies, caller) ? status is not (401 or 403) and < 500 : status == 403;
                if (!ok) failures.Add($"{method} {path} [{string.Join(", ", policies)}] as {caller}: {status}");
            }
        }

        Assert.Empty(failures);
    }

    private static bool Allows(IReadOnlyList<string> policies, string role) =>
        policies.All(p => p == Policies.SignedIn || ExpectedRoleMatrix.RolesAdmittedBy(p).Contains(role));

    private IEnumerable<RouteEndpoint> Mapped() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e => !FrameworkRoutes.Any(r => Route(e).StartsWith(r, StringComparison.Ordinal)));

    private IEnumerable<RouteEndpoint> Pages() => Mapped().Where(IsPage);

    private IEnumerable<RouteEndpoint> Endpoints() => Mapped().Where(e => !IsPage(e));

    private static bool IsPage(Endpoint e) => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static bool IsAnonymous(Endpoint e) => e.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static IReadOnlyList<string> PoliciesOf(Endpoint e) =>
        e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? Policies.SignedIn).Distinct().ToList();

    private static IReadOnlyList<string> AreaPolicies(Endpoint e) => PoliciesOf(e).Where(p => p.EndsWith(":read", StringComparison.Ordinal) || p.EndsWith(":write", StringComparison.Ordinal))
        .Where(p => ExpectedRoleMatrix.Areas.Any(a => p.StartsWith(a.ToLowerInvariant() + ":", StringComparison.Ordinal))).ToList();

    private static bool IsArea(IReadOnlyList<string> areaPolicies) => areaPolicies.Count > 0;

    /// <summary>Methods the endpoint answers; an endpoint that names none answers all of them.</summary>
    private static IReadOnlyList<string> Methods(Endpoint e) => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];

    private static bool CanChange(Endpoint e) => Methods(e) is { Count: 0 } || Methods(e).Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");

    private static string Route(RouteEndpoint e) => "/" + e.RoutePattern.RawText!.TrimStart('/');

    private static string Key(RouteEndpoint e) => $"{(Methods(e) is [var m, ..] ? m : "*")} {Route(e)}";

    private static string Describe(RouteEndpoint e) =>
        $"{Key(e)} [{(IsAnonymous(e) ? "anonymous" : string.Join(", ", PoliciesOf(e)))}] ({e.DisplayName})";

    /// <summary>A route as the README writes it: constraints left out, a fixed document name written out, no trailing slash.</summary>
    private static string ReadmeForm(string route) =>
        RouteParameter().Replace(route, m => m.Groups["fixed"].Success ? m.Groups["fixed"].Value : "{" + m.Groups["name"].Value + "}").TrimEnd('/') is { Length: > 0 } r ? r : "/";

    private static (string Method, string Path) Request(RouteEndpoint e)
    {
        var path = RouteParameter().Replace(Route(e), m => m.Groups["fixed"].Success ? m.Groups["fixed"].Value : RouteValues.GetValueOrDefault(m.Groups["name"].Value, "x"));
        if (path.StartsWith("/api/v1/dashboards/1", StringComparison.Ordinal)) path = NoSuchDashboard + path["/api/v1/dashboards/1".Length..];
        return (IsPage(e) || Methods(e) is { Count: 0 } ? "GET" : Methods(e)[0], path);
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(?::regex\(\^(?<fixed>\w+)\$\)|:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>One portal and a client per role (and an anonymous one) for the whole class.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public PortalFactory Factory { get; private set; } = default!;

        public Dictionary<string, HttpClient> Callers { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Factory = await PortalFactory.CreateAsync();
            Callers["anonymous"] = Factory.CreateClient(new() { AllowAutoRedirect = false });
            foreach (var role in ExpectedRoleMatrix.Roles) Callers[role] = await Factory.ClientForAsync(role.ToLowerInvariant() + "-user", role);
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
