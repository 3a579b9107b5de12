using Telco.InsightPortal.Core.Registry;

namespace Telco.InsightPortal.Data.Deployments;

public static class DeploymentStatus
{
    public const string Active = "active";
    public const string Stopped = "stopped";
}

/// <summary>A deployment row. Times are milliseconds since the epoch; the counters are kept by the prediction log writers.</summary>
public sealed record DeploymentRecord
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Prediction engines each serving process keeps warm per target for single-row requests: the size of an
    /// in-process pool, not a number of processes (replicas are separate serving processes, run by the operator).</summary>
    public int EnginesPerProcess { get; init; }
    public string Status { get; init; } = DeploymentStatus.Active;
    public long Generation { get; init; }
    public long Revision { get; init; }
    public string CreatedBy { get; init; } = "";
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public long Requests { get; init; }
    public long FailedRequests { get; init; }
    public long DroppedPredictions { get; init; }
}

/// <summary>A model version a deployment serves, copied from the registry, with its share of the traffic.</summary>
public sealed record DeploymentTarget
{
    public long DeploymentId { get; init; }
    public long Generation { get; init; }
    public string Model { get; init; } = "";
    public string Version { get; init; } = "";
    public string RunId { get; init; } = "";
    public string ModelPath { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public long? SnapshotId { get; init; }
    public int Weight { get; init; }

    /// <summary>The decision threshold saved on the version, copied here for serving; null: serving's default.</summary>
    public double? Threshold { get; init; }

    public ModelVersionRef Ref => new(Model, Version, RunId, ModelPath, Sha256, SnapshotId);

    public static DeploymentTarget Of(ModelVersionRef version, int weight) => new()
    {
        Model = version.Model, Version = version.Version, RunId = version.RunId, ModelPath = version.ModelPath,
        Sha256 = version.Sha256, SnapshotId = version.SnapshotId, Weight = weight,
    };
}

/// <summary>A deployment as serving needs it: the row and its current targets.</summary>
public sealed record DeploymentState(DeploymentRecord Deployment, IReadOnlyList<DeploymentTarget> Targets);

public sealed record DeploymentKeyRecord
{
    public long Id { get; init; }
    public long DeploymentId { get; init; }
    public string Deployment { get; init; } = "";
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public long CreatedAt { get; init; }
    public long? RevokedAt { get; init; }
}
