namespace Telco.InsightPortal.Core.Data.Ingestion;

public sealed record IngestOutcome
{
    public required DatasetSchema? Schema { get; init; }
    public long RowsRead { get; init; }
    public long RowsWritten { get; init; }
    /// <summary>Rows with at least one error (skipped, or the reason the whole file was rejected).</summary>
    public long BadRows { get; init; }
    public IReadOnlyList<RowError> Errors { get; init; } = [];
    public string? ContentHash { get; init; }
    /// <summary>A problem with the file as a whole; when set, nothing may be committed.</summary>
    public string? FileError { get; init; }

    public bool Failed(OnRowError onError) =>
        FileError is not null || RowsWritten == 0 || onError == OnRowError.Reject && BadRows > 0;
}
