using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>A scoring request serving refuses: MLflow's scoring server answers bad input as <c>BAD_REQUEST</c>.</summary>
public sealed class BadRequest(string message, ErrorKind kind = ErrorKind.Invalid) : PortalException(kind, message, ErrorCodes.BadRequest);
