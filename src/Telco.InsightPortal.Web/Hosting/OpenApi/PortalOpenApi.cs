using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Telco.InsightPortal.Serving.OpenApi;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Hosting.OpenApi;

/// <summary>
/// The portal's document (<c>/api/v1/openapi.json</c>): the portal API and the MLflow-compatible API, with how each
/// operation is authenticated — a bearer token (a personal access token, or with Entra ID an access token for the
/// portal's app), the browser's session cookie (local accounts only; changes need the antiforgery token too), and
/// HTTP Basic on the token endpoint, which is where a bearer token comes from.
/// </summary>
public static class PortalOpenApi
{
    public const string BearerScheme = "bearer";
    public const string SessionScheme = "session";
    public const string BasicScheme = "basic";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Telco Insight Portal API",
                Version = "v1",
                Description = "Datasets, training, audit, deployments and tokens under /api/v1; the MLflow-compatible tracking and "
                    + "registry API under /api/2.0/mlflow. Errors: problem details on /api/v1, MLflow's {error_code, message} on /api/2.0.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            foreach (var (name, scheme) in Schemes(LocalAccounts(context.ApplicationServices))) document.Components.SecuritySchemes[name] = scheme;
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var names = metadata.OfType<IAllowAnonymous>().Any()
                // Anonymous on the API means the token endpoint: it checks HTTP Basic credentials itself.
                ? [BasicScheme]
                : LocalAccounts(context.ApplicationServices) ? new[] { BearerScheme, SessionScheme } : [BearerScheme];
            // Alternatives: any one of them authenticates the call.
            operation.Security = names.Select(n => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(n, context.Document)] = [] }).ToList();
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer<DocumentConventions>();
    }

    private static bool LocalAccounts(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.Local;

    private static IEnumerable<(string Name, IOpenApiSecurityScheme Scheme)> Schemes(bool localAccounts)
    {
        yield return (BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = localAccounts
                ? "A personal access token (`tip_…`) from `POST /api/v1/tokens` or the Access tokens page: `Authorization: Bearer tip_…`."
                : "An Entra ID access token for the portal's app (audience: its client id or App ID URI) carrying a `roles` claim.",
        });
        if (localAccounts)
        {
            yield return (SessionScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "telco.session",
                Description = "The browser's session. A POST, PUT, PATCH or DELETE with it must also send a portal page's antiforgery token "
                    + "in the `RequestVerificationToken` header.",
            });
        }
        yield return (BasicScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "Username and password, only to obtain a personal access token.",
        });
    }
}
