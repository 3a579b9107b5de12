using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Telco.InsightPortal.Http;

/// <summary>Writes an <see cref="ApiError"/> in the shape of the API family the request belongs to: problem details
/// (RFC 9457, with <c>errorCode</c> and <c>traceId</c>) on <c>/api/v1</c>, <c>{"error_code","message"}</c> on MLflow's
/// paths and on <c>/serving</c>.</summary>
public static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext http, ApiError error) => WriteAsync(http, ApiFamilies.Of(http.Request.Path), error);

    public static Task WriteAsync(HttpContext http, ApiFamily family, ApiError error) => ToResult(family, error).ExecuteAsync(http);

    /// <summary>The error as a handler's result, for refusals a handler answers without throwing.</summary>
    public static IResult Result(ApiError error) => new FamilyResult(error);

    public static IResult Result(int status, string message) => new FamilyResult(ApiError.ForStatus(status, message));

    private static IResult ToResult(ApiFamily family, ApiError error) => family switch
    {
        ApiFamily.Mlflow or ApiFamily.Serving => Results.Json(new ErrorCodeBody(error.Code, error.Message), statusCode: error.Status),
        _ => Results.Problem(detail: error.Message, statusCode: error.Status, extensions: Extensions(error)),
    };

    // The problem details service adds traceId itself.
    private static Dictionary<string, object?> Extensions(ApiError error) =>
        new(error.Details ?? new Dictionary<string, object?>()) { ["errorCode"] = error.Code };

    /// <summary>The id the problem details carry as <c>traceId</c>, for a log line to be found by.</summary>
    public static string TraceId(HttpContext http) => Activity.Current?.Id ?? http.TraceIdentifier;

    private sealed class FamilyResult(ApiError error) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => error.Status;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);
    }
}

/// <summary>MLflow's error body; the names are MLflow's wire names.</summary>
public sealed record ErrorCodeBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("error_code")] string ErrorCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
