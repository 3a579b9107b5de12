using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Serving.Keys;
using Telco.InsightPortal.Serving.Logging;
using Telco.InsightPortal.Serving.Models;
using Telco.InsightPortal.Serving.Scoring;

namespace Telco.InsightPortal.Serving;

public static class ServingHosting
{
    public const string OpenApiDocument = "serving";

    /// <summary>
    /// Registers serving. Inside the portal it uses the portal's store and audit trail; alone (no store registered
    /// yet) it opens the store named by <c>Serving:Store</c>. Models load from <c>Serving:ArtifactRoot</c>, by default
    /// the portal's <c>&lt;Portal:DataDir&gt;/artifacts</c>.
    /// </summary>
    public static WebApplicationBuilder AddServing(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(ServingOptions.Section);
        var settings = section.Get<ServingOptions>() ?? new ServingOptions();
        services.AddOptions<ServingOptions>().Bind(section)
            .Validate(o => o.MaxRows > 0 && o.MaxBodyBytes > 0 && o.KeyCacheSeconds >= 0 && o.PollSeconds > 0 && o.LogCapacity > 0 && o.LogBatchSize > 0,
                "Serving limits, intervals and queue sizes must be positive.")
            .Validate(o => o.LogCapacity >= o.MaxRows, "Serving:LogCapacity counts rows and must hold at least one full request (Serving:MaxRows).")
            .ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(IConnectionFactory))) AddOwnStore(services, settings);
        var artifactRoot = settings.ArtifactRoot is { Length: > 0 } root
            ? Path.Combine(builder.Environment.ContentRootPath, root)
            : Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Portal:DataDir"] ?? "./data", "artifacts");
        services.AddSingleton(new ServingPaths(artifactRoot));
        services.AddSingleton<DeploymentStore>();
        services.AddSingleton<VersionLoader>();
        services.AddSingleton<ServingRegistry>();
        services.AddSingleton<KeyCache>();
        services.AddSingleton<DeploymentService>();
        services.AddSingleton<PredictionLog>();
        services.AddSingleton<DeploymentSync>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentSync>());
        services.AddHostedService<PredictionLogWriter>();
        services.AddHealthChecks().AddCheck<ServingReadiness>("serving", tags: ["ready"]);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeploymentKeyHandler>(DeploymentKeyHandler.SchemeName, null);
        services.AddAuthorization(o => o.AddPolicy(ScoringEndpoints.KeyPolicy, p => p
            .AddAuthenticationSchemes(DeploymentKeyHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(DeploymentKeyHandler.DeploymentClaim)));
        services.AddOpenApi(OpenApiDocument, OpenApi.ServingOpenApi.Configure);
        return builder;
    }

    /// <summary>
    /// Maps the scoring endpoints, readiness (<c>/serving/ready</c>), serving's OpenAPI document
    /// (<c>/serving/openapi/serving.json</c>) and Prometheus metrics (<c>/metrics</c>). <paramref name="operatorPolicy"/>
    /// guards the document and the metrics: the portal passes an area policy; a standalone replica on its own internal
    /// port passes null, leaving them open to its scraper (they hold counts and latencies, never inputs).
    /// </summary>
    public static IEndpointRouteBuilder MapServing(this IEndpointRouteBuilder app, string? operatorPolicy)
    {
        app.MapScoringEndpoints();
        app.MapHealthChecks("/serving/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        Guard(app.MapOpenApi("/serving/openapi/{documentName:regex(^serving$)}.json"), operatorPolicy);
        // GET only: mapped without methods it answered POST too, a read behind a read policy that looked like a write.
        Guard(app.MapMetrics("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get])), operatorPolicy);
        return app;
    }

    private static void Guard(IEndpointConventionBuilder endpoint, string? policy)
    {
        if (policy is null) endpoint.AllowAnonymous();
        else endpoint.RequireAuthorization(policy);
    }

    private static void AddOwnStore(IServiceCollection services, ServingOptions settings)
    {
        var provider = Enum.Parse<StoreProvider>(settings.Store.Provider, ignoreCase: true);
        if (provider == StoreProvider.Postgres && string.IsNullOrWhiteSpace(settings.Store.ConnectionString))
            throw new InvalidOperationException("Serving:Store:ConnectionString is required for PostgreSQL.");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectionFactory>(_ =>
        {
            DapperSetup.Configure();
            return provider == StoreProvider.Postgres
                ? new PostgresConnectionFactory(settings.Store.ConnectionString!)
                : new SqliteConnectionFactory(settings.Store.ConnectionString ?? "Data Source=./data/portal.db");
        });
        services.AddSingleton<IAuditTrail, AuditTrail>();
    }
}

/// <summary>Ready once every deployment in the store has been loaded (or found unloadable) at least once.</summary>
public sealed class ServingReadiness(DeploymentSync sync) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sync.Ready ? HealthCheckResult.Healthy("deployments loaded") : HealthCheckResult.Unhealthy("deployments are still loading"));
}
