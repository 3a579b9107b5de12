namespace Telco.InsightPortal.Core.Governance;

/// <summary>What the policies look at in one model version. Times are Unix milliseconds.</summary>
public sealed record VersionFacts
{
    public required string Model { get; init; }
    public required long Version { get; init; }
    public required string Stage { get; init; }
    public required string CreatedBy { get; init; }
    public required CardCompleteness Card { get; init; }
    public double? TestAuc { get; init; }
    public IReadOnlyList<ApprovalFact> Approvals { get; init; } = [];

    /// <summary>The deployments whose current targets serve the version (empty: not deployed, so not monitored).</summary>
    public IReadOnlyList<string> Deployments { get; init; } = [];

    /// <summary>The unresolved drift alerts on those deployments.</summary>
    public IReadOnlyList<DriftAlertFact> OpenDriftAlerts { get; init; } = [];
}

/// <summary>An approval request about the version: <see cref="TargetKind"/> "stage" or "alias", and what it asked for.</summary>
public sealed record ApprovalFact(long Id, string TargetKind, string Target, string Status, string RequestedBy, long RequestedAt, string RequestComment,
    string? DecidedBy, long? DecidedAt, string? DecisionComment);

public sealed record DriftAlertFact(long Id, string Deployment, string? Feature, string Severity, string Status, long OpenedAt);
