using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Telco.InsightPortal.Http;

/// <summary>Bodies for API responses that left the pipeline with an error status and no body — the framework's own
/// 401, 403, 404, 405, 415 and 429 — so that every API answer carries a message in its family's shape.</summary>
public static class ApiStatusMessages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (ApiFamilies.Of(http.Request.Path) == ApiFamily.None) return Task.CompletedTask;
        return ApiErrorWriter.WriteAsync(http, ApiError.ForStatus(status, MessageFor(status, http)));
    }

    public static string MessageFor(int status, HttpContext http) => status switch
    {
        StatusCodes.Status401Unauthorized => ApiFamilies.Of(http.Request.Path) == ApiFamily.Serving
            ? "A valid deployment access key is required (Authorization: Bearer tsk_…)."
            : "Authentication is required: send a bearer token (Authorization: Bearer tip_…) or sign in.",
        StatusCodes.Status403Forbidden => "Your role does not allow this request.",
        StatusCodes.Status404NotFound => $"No endpoint answers {http.Request.Method} {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        StatusCodes.Status415UnsupportedMediaType => $"The content type '{http.Request.ContentType ?? "(none)"}' is not accepted here; send application/json.",
        StatusCodes.Status429TooManyRequests => "Too many requests from this address; wait a minute and try again.",
        _ => $"The request failed with status {status}.",
    };
}
