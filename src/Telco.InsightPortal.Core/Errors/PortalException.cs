namespace Telco.InsightPortal.Core.Errors;

/// <summary>What kind of refusal an error is; the number is the HTTP status every API family answers with.</summary>
public enum ErrorKind
{
    Invalid = 400,
    Unauthenticated = 401,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    TooLarge = 413,
    UnsupportedMediaType = 415,
    Unprocessable = 422,
    Unavailable = 503,
}

/// <summary>
/// A request the portal refuses, with a message that names the problem for the person who sent it. Every domain
/// refusal derives from this, so one mapping (in Telco.InsightPortal.Http) turns them into each API family's error
/// shape. <see cref="Code"/> is a machine-readable code from MLflow's vocabulary, which the MLflow and serving APIs
/// answer as <c>error_code</c> and problem details carry as <c>errorCode</c>.
/// </summary>
public class PortalException(ErrorKind kind, string message, string? code = null, Exception? inner = null) : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;

    public int Status => (int)Kind;

    public string Code { get; } = code ?? ErrorCodes.For(kind);

    /// <summary>Facts that help a client act on the error (a row error report, the snapshot that already holds the
    /// content); problem details carry them as extension members.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }

    public static PortalException Invalid(string message) => new(ErrorKind.Invalid, message);

    public static PortalException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static PortalException Conflict(string message) => new(ErrorKind.Conflict, message);

    public static PortalException TooLarge(string message) => new(ErrorKind.TooLarge, message);
}

/// <summary>MLflow's error codes, which the portal uses for every API family.</summary>
public static class ErrorCodes
{
    public const string InvalidParameter = "INVALID_PARAMETER_VALUE";
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string NotFound = "RESOURCE_DOES_NOT_EXIST";
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    public const string AlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string InvalidState = "INVALID_STATE";
    public const string Exhausted = "RESOURCE_EXHAUSTED";
    public const string Unavailable = "TEMPORARILY_UNAVAILABLE";
    public const string Internal = "INTERNAL_ERROR";

    public static string For(ErrorKind kind) => kind switch
    {
        ErrorKind.Unauthenticated => Unauthenticated,
        ErrorKind.Forbidden => PermissionDenied,
        ErrorKind.NotFound => NotFound,
        ErrorKind.Conflict => InvalidState,
        ErrorKind.TooLarge => Exhausted,
        ErrorKind.UnsupportedMediaType => BadRequest,
        ErrorKind.Unavailable => Unavailable,
        _ => InvalidParameter,
    };

    /// <summary>The kind for an HTTP status that something other than a <see cref="PortalException"/> produced.</summary>
    public static ErrorKind KindFor(int status) => Enum.IsDefined(typeof(ErrorKind), status) ? (ErrorKind)status
        : status >= 500 ? ErrorKind.Unavailable : ErrorKind.Invalid;
}
