namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// Everything a logged prediction came from, step by step back to the file its training rows were read from, each step
/// with who did it and when (Unix milliseconds), for an auditor to read on one page. The deployment step is the
/// generation that was serving when the prediction was made, not the current one; a step the store no longer knows
/// (a run deleted outside the portal, a snapshot older than lineage) is null or empty rather than guessed.
/// </summary>
public sealed record PredictionChain(
    ChainPrediction Prediction,
    ChainDeployment Deployment,
    ChainModelVersion? ModelVersion,
    ChainRun? Run,
    IReadOnlyList<ChainSnapshot> Snapshots);

/// <summary>The logged prediction: <see cref="ModelVersion"/> is <c>{model}/{version}</c>, as the log names it.</summary>
public sealed record ChainPrediction(
    string Uuid, long At, string Deployment, string ModelVersion, double Probability, int Label, int? TrueLabel, double LatencyMs);

/// <summary>The deployment and the generation of targets that served the prediction (a canary has two, with their
/// traffic weights). <see cref="DeployedBy"/> and <see cref="DeployedAt"/> come from the audit entry that made the
/// generation, <see cref="Action"/> its kind (deployment.create, .redeploy, .canary, .rollback).</summary>
public sealed record ChainDeployment(
    string Name, long Generation, long CurrentGeneration, IReadOnlyList<ChainTarget> Targets, string? Action, string? DeployedBy, long? DeployedAt,
    string CreatedBy, long CreatedAt);

public sealed record ChainTarget(string ModelVersion, int Weight);

/// <summary>The model version that scored; <see cref="StageThen"/> is the stage an approved request had moved it to by
/// the prediction's time (null when no approved stage change is recorded before it), <see cref="Stage"/> the stage now.</summary>
public sealed record ChainModelVersion(
    string Model, long Version, string Stage, string? StageThen, string CreatedBy, long CreatedAt, string ModelSha256,
    IReadOnlyList<ChainApproval> Approvals)
{
    public string Key => LineageIds.ModelVersion(Model, Version);
}

/// <summary>A four-eyes request on the version: to move it to a stage or give it an alias.</summary>
public sealed record ChainApproval(
    long Id, string TargetKind, string Target, string Status, string RequestedBy, long RequestedAt, string RequestComment,
    string? DecidedBy, long? DecidedAt, string? DecisionComment);

/// <summary>The training run the version was registered from, with its trainer (the <c>trainer</c> param) and its
/// latest metrics.</summary>
public sealed record ChainRun(
    string RunId, string Name, long ExperimentId, string Experiment, string StartedBy, string Status, long StartTime, long? EndTime,
    string? Trainer, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>A snapshot the run trained on and the files its rows were read from.</summary>
public sealed record ChainSnapshot(
    long Id, string Dataset, string Operation, long RowsAdded, long TotalRows, string CommittedBy, long CommittedAt, string ContentHash,
    IReadOnlyList<ChainSourceFile> Files);

/// <summary>A file rows were read from: <see cref="Sha256"/> is null for files read before lineage was recorded.</summary>
public sealed record ChainSourceFile(string Id, string Name, long? SizeBytes, string? Sha256, long FirstSeenAt);
