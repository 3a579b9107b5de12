using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>MLflow's error codes: the API answers them as <c>{"error_code", "message"}</c>, so the store
/// raises them as they are rather than a family of exception types.</summary>
public static class TrackingErrors
{
    public const string NotFound = ErrorCodes.NotFound;
    public const string AlreadyExists = ErrorCodes.AlreadyExists;
    public const string InvalidParameter = ErrorCodes.InvalidParameter;
    public const string InvalidState = ErrorCodes.InvalidState;

    /// <summary>An upload past the configured size limit (HTTP 413).</summary>
    public const string TooLarge = ErrorCodes.Exhausted;
}

/// <summary>A refusal of the tracking or registry store with MLflow's code; MLflow answers every code but
/// "does not exist" (404) and "exhausted" (413 here: an upload past the limit) with 400.</summary>
public sealed class TrackingException(string errorCode, string message) : PortalException(KindOf(errorCode), message, errorCode)
{
    public string ErrorCode => Code;

    public static new TrackingException NotFound(string message) => new(TrackingErrors.NotFound, message);

    public static new TrackingException Invalid(string message) => new(TrackingErrors.InvalidParameter, message);

    public static TrackingException InvalidState(string message) => new(TrackingErrors.InvalidState, message);

    private static ErrorKind KindOf(string code) => code switch
    {
        TrackingErrors.NotFound => ErrorKind.NotFound,
        TrackingErrors.TooLarge => ErrorKind.TooLarge,
        _ => ErrorKind.Invalid,
    };
}
