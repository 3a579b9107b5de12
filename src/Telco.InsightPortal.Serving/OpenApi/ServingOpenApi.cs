using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Telco.InsightPortal.Serving.Scoring;

namespace Telco.InsightPortal.Serving.OpenApi;

/// <summary>
/// Serving's document (<c>/serving/openapi/serving.json</c>): the scoring endpoints and nothing else of the process
/// hosting them, with the deployment access key declared as a bearer scheme on the operations that take one.
/// </summary>
public static class ServingOpenApi
{
    public const string KeyScheme = "deploymentKey";

    public static void Configure(OpenApiOptions options)
    {
        // Endpoints without a group would land in every document; inside the portal that is the whole portal API.
        options.ShouldInclude = description => description.GroupName == ServingHosting.OpenApiDocument;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Telco Insight Portal serving",
                Version = "1",
                Description = "Scoring endpoints of the deployments served here: MLflow-style payloads in, predictions and explanations out.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "tsk_…",
                Description = "A deployment's access key: `Authorization: Bearer tsk_…`, shown once when it is created. It scores only its own deployment.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var keyed = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == ScoringEndpoints.KeyPolicy);
            operation.Security = keyed
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [] }]
                : [];
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer<DocumentConventions>();
    }
}
