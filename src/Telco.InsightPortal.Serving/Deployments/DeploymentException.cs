using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>A deployment change that was refused; <see cref="PortalException.Status"/> is the HTTP status the API answers.</summary>
public sealed class DeploymentException(ErrorKind kind, string message) : PortalException(kind, message)
{
    public static new DeploymentException NotFound(string name) => new(ErrorKind.NotFound, $"No deployment named '{name}'.");

    public static new DeploymentException Invalid(string message) => new(ErrorKind.Invalid, message);

    public static new DeploymentException Conflict(string message) => new(ErrorKind.Conflict, message);
}
