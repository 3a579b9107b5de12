using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Core.Data.Ingestion;

public enum OnRowError { Reject, Skip }

public sealed record IngestOptions
{
    public IngestMode Mode { get; init; } = IngestMode.Append;
    public OnRowError OnError { get; init; } = OnRowError.Reject;
    public string Source { get; init; } = "upload";
    /// <summary>Recorded as the snapshot's committer and in its audit entry.</summary>
    public Who Actor { get; init; } = Who.System;
    /// <summary>The schema to create a new dataset with; null means infer it from the file.</summary>
    public DatasetSchema? Schema { get; init; }
    public string? Generator { get; init; }
    public Action<IngestProgress>? Progress { get; init; }
}

public sealed record IngestProgress(long RowsRead, long RowsWritten, long Errors);

public sealed record IngestLimits
{
    public int MaxFieldLength { get; init; } = 1 << 20;
    public int MaxTextLength { get; init; } = 4096;
    public int MaxIdLength { get; init; } = 64;
    /// <summary>Errors kept in the report; counting goes on past it.</summary>
    public int MaxReportedErrors { get; init; } = 1000;
    public int InferenceSampleRows { get; init; } = 5000;
}
