using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Ingestion;

namespace Telco.InsightPortal.Data.Datasets;

public enum IngestFailure { None, BadRequest, Duplicate, NotFound }

/// <summary>What an ingest did: a committed snapshot, or why nothing was committed.</summary>
public sealed record IngestResult(IngestFailure Failure, string? Message, Snapshot? Snapshot, Dataset? Dataset, IngestOutcome? Outcome)
{
    public bool Committed => Snapshot is not null && Failure == IngestFailure.None;

    public static IngestResult Fail(IngestFailure failure, string message, IngestOutcome? outcome = null, Snapshot? existing = null) =>
        new(failure, message, existing, null, outcome);
}
