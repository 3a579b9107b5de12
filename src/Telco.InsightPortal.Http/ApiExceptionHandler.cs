using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Telco.InsightPortal.Http;

/// <summary>Answers an exception thrown by an API endpoint in its family's error shape, in every environment: a
/// refusal (<see cref="ApiError.From"/>) with its status and message, anything else with a 500 that names the trace id
/// and nothing of the request. Pages fall through to the error page.</summary>
/// <remarks>Refusals are the client's mistake, not the server's: <see cref="SuppressRefusalDiagnostics"/> keeps them
/// out of the error log, where the middleware would otherwise write each one with its stack trace.</remarks>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public static bool SuppressRefusalDiagnostics(ExceptionHandlerSuppressDiagnosticsContext context) =>
        context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService && ApiError.From(context.Exception) is not null;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed the request at the error page; the feature keeps the path it came for.
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value);
        var family = ApiFamilies.Of(path);
        if (family == ApiFamily.None || httpContext.Response.HasStarted) return false;
        var error = ApiError.From(exception);
        if (error is null)
        {
            var traceId = ApiErrorWriter.TraceId(httpContext);
            logger.LogError(exception, "Unhandled error in {Method} {Path} (trace {TraceId}).", httpContext.Request.Method, path, traceId);
            error = new ApiError(StatusCodes.Status500InternalServerError, Core.Errors.ErrorCodes.Internal,
                $"The request failed on the server; the administrator can find it in the log by trace id {traceId}.");
        }
        await ApiErrorWriter.WriteAsync(httpContext, family, error);
        return true;
    }
}
