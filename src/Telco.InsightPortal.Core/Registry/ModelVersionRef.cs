namespace Telco.InsightPortal.Core.Registry;

/// <summary>
/// A registered model version as serving needs it: where its model zip lies (relative to the artifact root), the
/// SHA-256 recorded when it was trained, and where it came from. A deployment copies these when it is created or
/// redeployed, so serving replicas read only their own deployment rows and never the registry.
/// </summary>
public sealed record ModelVersionRef(string Model, string Version, string RunId, string ModelPath, string Sha256, long? SnapshotId);
