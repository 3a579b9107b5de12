using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>The registry's side of the seam serving resolves versions through.</summary>
public sealed class ModelVersionResolver(RegistryStore registry) : IModelVersionResolver
{
    public async Task<ModelVersionRef> ResolveAsync(string model, string? version, string? alias, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ModelVersionNotFoundException("Name the registered model to resolve.");
        if (string.IsNullOrWhiteSpace(version) == string.IsNullOrWhiteSpace(alias))
            throw new ModelVersionNotFoundException($"Give either a version or an alias of model '{model}', not {(version is null ? "neither" : "both")}.");
        try
        {
            var v = alias is { Length: > 0 }
                ? await registry.GetVersionByAliasAsync(model, alias, ct)
                : await registry.GetVersionAsync(model, RegistryStore.ParseVersion(version), ct);
            return new ModelVersionRef(v.Name, v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), v.RunId, v.ModelPath, v.ModelSha256, v.SnapshotId);
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            var what = alias is { Length: > 0 } ? $"alias '{alias}'" : $"version '{version}'";
            throw new ModelVersionNotFoundException($"Model '{model}' has no {what}: {e.Message}");
        }
    }
}
