using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Api;

/// <summary><see cref="Replicas"/> is the deprecated name of <see cref="EnginesPerProcess"/>, accepted for one release.</summary>
public sealed record CreateDeploymentBody(string? Name, string? Model, string? Version, string? Alias, int? EnginesPerProcess, int? Replicas);

public sealed record RedeployBody(string? Version, string? Alias);

public sealed record CanaryBody(string? Version, string? Alias, int? Weight);

/// <summary><see cref="Replicas"/> is the deprecated name of <see cref="EnginesPerProcess"/>, accepted for one release.</summary>
public sealed record ScaleBody(int? EnginesPerProcess, int? Replicas);

public sealed record CreateKeyBody(string? Name);

/// <summary>One delayed label: for the prediction <see cref="Uuid"/>, or for every prediction about the entity
/// <see cref="Id"/> (customerID) made in [<see cref="From"/>, <see cref="To"/>), each end optional.</summary>
public sealed record LabelBody(string? Uuid, int? Label, string? Id = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

internal static class EnginesBody
{
    /// <summary>"enginesPerProcess", or the deprecated "replicas" that meant the same; both must then agree.</summary>
    public static int? Of(int? enginesPerProcess, int? replicas) =>
        enginesPerProcess is { } engines && replicas is { } old && engines != old
            ? throw DeploymentException.Invalid("'replicas' is the deprecated name of 'enginesPerProcess'; send only 'enginesPerProcess'.")
            : enginesPerProcess ?? replicas;
}
