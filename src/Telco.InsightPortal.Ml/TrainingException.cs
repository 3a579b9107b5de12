namespace Telco.InsightPortal.Ml;

/// <summary>The request cannot be trained as given (bad label, too few rows, a parameter out of range…).
/// The message is written for the person who made the request; the portal returns it as a 400.</summary>
public sealed class TrainingException(string message) : Core.Errors.PortalException(Core.Errors.ErrorKind.Invalid, message);
