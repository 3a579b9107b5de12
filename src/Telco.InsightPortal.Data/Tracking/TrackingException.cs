namespace Telco.InsightPortal.Data.Tracking;

/// <summary>MLflow's error codes: the API answers them as <c>{"error_code", "message"}</c>, so the store
/// raises them as they are rather than a family of exception types.</summary>
public static class TrackingErrors
{
    public const string NotFound = "RESOURCE_DOES_NOT_EXIST";
    public const string AlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string InvalidParameter = "INVALID_PARAMETER_VALUE";
    public const string InvalidState = "INVALID_STATE";

    /// <summary>An upload past the configured size limit (HTTP 413).</summary>
    public const string TooLarge = "RESOURCE_EXHAUSTED";
}

public sealed class TrackingException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public static TrackingException NotFound(string message) => new(TrackingErrors.NotFound, message);

    public static TrackingException Invalid(string message) => new(TrackingErrors.InvalidParameter, message);

    public static TrackingException InvalidState(string message) => new(TrackingErrors.InvalidState, message);
}
