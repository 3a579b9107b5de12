using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Http;

/// <summary>An error as every API family answers it: the HTTP status, a code from MLflow's vocabulary and a message
/// for the person who sent the request.</summary>
public sealed record ApiError(int Status, string Code, string Message, IReadOnlyDictionary<string, object?>? Details = null)
{
    /// <summary>The one mapping from exceptions to API errors; null for an exception nobody meant to raise (a bug),
    /// which is logged and answered with a generic 500.</summary>
    public static ApiError? From(Exception exception) => exception switch
    {
        PortalException e => new(e.Status, e.Code, e.Message, e.Details),
        // Minimal APIs raise this for a body they could not bind (RouteHandlerOptions.ThrowOnBadRequest is on).
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        BadHttpRequestException e => new(e.StatusCode, ErrorCodes.For(ErrorCodes.KindFor(e.StatusCode)), Clarify(e)),
        JsonException json => Malformed(json),
        _ => null,
    };

    public static ApiError ForStatus(int status, string message) => new(status, ErrorCodes.For(ErrorCodes.KindFor(status)), message);

    private static ApiError Malformed(JsonException json) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, JsonBody.Describe(json));

    // The framework's messages name the handler's parameter ("Failed to read parameter \"Body? body\""), which
    // means nothing to a client; say what to send instead where the framework says it was missing.
    private static string Clarify(BadHttpRequestException e) =>
        e.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || e.Message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? "The request body is missing or empty; send a JSON object."
            : e.Message;
}
