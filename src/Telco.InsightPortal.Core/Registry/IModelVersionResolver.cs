namespace Telco.InsightPortal.Core.Registry;

/// <summary>Finds the version a deployment should serve: an explicit version, or the one an alias points at.</summary>
public interface IModelVersionResolver
{
    /// <summary>Exactly one of <paramref name="version"/> and <paramref name="alias"/> is given.</summary>
    /// <exception cref="ModelVersionNotFoundException">No such model, version or alias; the message says which.</exception>
    Task<ModelVersionRef> ResolveAsync(string model, string? version, string? alias, CancellationToken ct = default);
}

public sealed class ModelVersionNotFoundException(string message) : Errors.PortalException(Errors.ErrorKind.NotFound, message);
