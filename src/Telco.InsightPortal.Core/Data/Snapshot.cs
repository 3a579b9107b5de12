namespace Telco.InsightPortal.Core.Data;

public enum IngestMode { Append, Replace }

/// <summary>An immutable, committed version of a dataset. The rows it contains are the physical row ids
/// in [RowStart, RowEnd): appends extend the parent's range, a replace starts a new one.</summary>
public sealed record Snapshot(
    long Id,
    long DatasetId,
    long? ParentId,
    DateTimeOffset CommittedAt,
    string CommittedBy,
    string Operation,
    long RowsAdded,
    long RowsSkipped,
    long TotalRows,
    long RowStart,
    long RowEnd,
    string ContentHash,
    string Source);

public sealed record Dataset(
    long Id,
    string Name,
    string? Description,
    string? Generator,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    long? CurrentSnapshotId,
    long TotalRows,
    DatasetSchema Schema);
