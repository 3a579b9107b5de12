using Microsoft.AspNetCore.Http;

namespace Telco.InsightPortal.Http;

/// <summary>The API families of the portal, each with its own error shape (see <see cref="ApiErrorWriter"/>).</summary>
public enum ApiFamily
{
    /// <summary>Not an API: pages, the hub, static files. Errors go to the error and status pages.</summary>
    None,

    /// <summary><c>/api/v1</c> and the portal's other documents: RFC 9457 problem details.</summary>
    Portal,

    /// <summary>MLflow's REST paths: <c>{"error_code","message"}</c>, as MLflow clients expect.</summary>
    Mlflow,

    /// <summary><c>/serving</c>: <c>{"error_code","message"}</c>, MLflow's scoring server shape.</summary>
    Serving,
}

public static class ApiFamilies
{
    public static ApiFamily Of(PathString path) =>
        path.StartsWithSegments("/api/2.0/mlflow") || path.StartsWithSegments("/api/2.0/mlflow-artifacts") || path.StartsWithSegments("/get-artifact")
            ? ApiFamily.Mlflow
        : path.StartsWithSegments("/serving") ? ApiFamily.Serving
        : path.StartsWithSegments("/api") ? ApiFamily.Portal
        : ApiFamily.None;
}
