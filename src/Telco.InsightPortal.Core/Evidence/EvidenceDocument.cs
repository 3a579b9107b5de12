namespace Telco.InsightPortal.Core.Evidence;

/// <summary>
/// The technical documentation of one model version, laid out by the headings of the EU AI Act's Annex IV, with the
/// automatic records of Article 12 (the audit entries that concern the version). Every fact is read from the store as
/// it was when the pack was built; times are UTC.
/// </summary>
public sealed record EvidenceDocument
{
    public const string CurrentFormat = "tip-evidence-1";

    public string Format { get; init; } = CurrentFormat;
    public required string Model { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset BuiltAt { get; init; }
    public required string BuiltBy { get; init; }

    /// <summary>Annex IV 1: intended purpose, who made it, its versions.</summary>
    public required GeneralDescription General { get; init; }

    /// <summary>Annex IV 2: method, design choices, training data, validation.</summary>
    public required DevelopmentDescription Development { get; init; }

    /// <summary>Annex IV 3 and 9: where it runs, what monitoring found.</summary>
    public required MonitoringDescription Monitoring { get; init; }

    /// <summary>Annex IV 6: approvals and every change of stage, alias and deployment.</summary>
    public required LifecycleDescription Lifecycle { get; init; }

    /// <summary>Article 12: the audit entries about the version, its run, data, model and deployments.</summary>
    public required AuditRecords Records { get; init; }
}

public sealed record GeneralDescription
{
    /// <summary>The version's description: what the model card shows as its intended use.</summary>
    public required string IntendedUse { get; init; }
    public required string ModelDescription { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Stage { get; init; }
    public required string Status { get; init; }
    public required string Source { get; init; }
    public required string ModelSha256 { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public required IReadOnlyList<EvidenceTag> Tags { get; init; }
    public EvidenceDecision? Decision { get; init; }
    /// <summary>Every version of the model, so this one can be placed among them.</summary>
    public required IReadOnlyList<EvidenceVersion> Versions { get; init; }
}

public sealed record EvidenceTag(string Key, string Value);

public sealed record EvidenceVersion(long Version, string Stage, string CreatedBy, DateTimeOffset CreatedAt, string RunId, string ModelSha256);

/// <summary>The decision threshold and what each outcome is worth, saved on the version.</summary>
public sealed record EvidenceDecision(double Threshold, double TruePositiveValue, double TrueNegativeValue, double FalsePositiveCost,
    double FalseNegativeCost, string SetBy, DateTimeOffset SetAt);

public sealed record DevelopmentDescription
{
    /// <summary>Null when the training run no longer exists: said so in the pack rather than left out.</summary>
    public EvidenceRun? Run { get; init; }
    public EvidenceTrainingData? TrainingData { get; init; }
    public required IReadOnlyList<EvidenceMetric> Metrics { get; init; }
    /// <summary>Test metrics per slice of a column, when the run stored them.</summary>
    public IReadOnlyList<EvidenceSliceColumn>? Slices { get; init; }
}

public sealed record EvidenceRun(string RunId, string RunName, string Experiment, string User, string Status, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, IReadOnlyList<EvidenceTag> Params, IReadOnlyList<EvidenceTag> Tags);

public sealed record EvidenceMetric(string Key, double? Value, long Step);

public sealed record EvidenceSliceColumn(string Column, IReadOnlyList<EvidenceSlice> Slices);

public sealed record EvidenceSlice(string Value, long Rows, long Positives, double? RocAuc, double Accuracy, double Precision, double Recall, string? Note);

public sealed record EvidenceTrainingData
{
    public required string Dataset { get; init; }
    public string? Description { get; init; }
    public required long SnapshotId { get; init; }
    /// <summary>The training snapshot and every snapshot it was built on, newest first.</summary>
    public required IReadOnlyList<EvidenceSnapshot> Snapshots { get; init; }
    public required IReadOnlyList<EvidenceColumn> Schema { get; init; }
}

public sealed record EvidenceSnapshot(long Id, long? ParentId, DateTimeOffset CommittedAt, string CommittedBy, string Operation,
    long RowsAdded, long RowsSkipped, long TotalRows, string ContentHash, string Source);

public sealed record EvidenceColumn(int Ordinal, string Name, string Type, string Role, bool Nullable, bool Pii);

public sealed record MonitoringDescription
{
    public required IReadOnlyList<EvidenceDeployment> Deployments { get; init; }
    /// <summary>Alerts (drift, estimated performance, errors) raised on those deployments, oldest first.</summary>
    public required IReadOnlyList<EvidenceAlert> Alerts { get; init; }
}

/// <summary>A deployment that served the version in at least one generation, with those generations.</summary>
public sealed record EvidenceDeployment(string Name, string Status, long CurrentGeneration, IReadOnlyList<EvidenceDeploymentTarget> Targets);

public sealed record EvidenceDeploymentTarget(long Generation, long Weight, DateTimeOffset CreatedAt);

public sealed record EvidenceAlert(long Id, string Deployment, string Kind, string? Feature, string Severity, string Message, double? Value,
    double? Threshold, DateTimeOffset OpenedAt, string Status, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? ResolvedBy,
    DateTimeOffset? ResolvedAt);

public sealed record LifecycleDescription
{
    public required IReadOnlyList<EvidenceApproval> Approvals { get; init; }
    /// <summary>Stage, alias, approval and deployment changes, taken from the audit entries in chain order.</summary>
    public required IReadOnlyList<EvidenceChange> Changes { get; init; }
}

public sealed record EvidenceApproval(long Id, string TargetKind, string Target, string RequestedBy, DateTimeOffset RequestedAt,
    string RequestComment, string Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionComment);

public sealed record EvidenceChange(long Seq, DateTimeOffset At, string Actor, string Action, string Target, string Outcome, string? Details);

public sealed record AuditRecords
{
    /// <summary>Which (target type, target id) pairs were taken to concern the version.</summary>
    public required IReadOnlyList<EvidenceTarget> Targets { get; init; }
    public required IReadOnlyList<EvidenceAuditEntry> Entries { get; init; }
}

public sealed record EvidenceTarget(string Type, string Id);

/// <summary>An audit entry as the document cites it: enough to read it, and its hash, which the verifier finds in the chain.</summary>
public sealed record EvidenceAuditEntry(long Seq, DateTimeOffset At, string Actor, string Action, string TargetType, string? TargetId,
    string Outcome, string Hash);
