namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>A deployment change that was refused; <see cref="Status"/> is the HTTP status the API answers.</summary>
public sealed class DeploymentException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static DeploymentException NotFound(string name) => new(StatusCodes.Status404NotFound, $"No deployment named '{name}'.");

    public static DeploymentException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);

    public static DeploymentException Conflict(string message) => new(StatusCodes.Status409Conflict, message);
}
