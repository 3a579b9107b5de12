namespace Telco.InsightPortal.Data.Jobs;

/// <summary>A saved job: its definition's text (<see cref="Core.Jobs.JobDefinitionWriter"/>) and who changed it when.</summary>
public sealed class JobRecord
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Body { get; init; } = "";
    public string? Schedule { get; init; }
    public bool Enabled { get; init; }
    public long Version { get; init; }
    public long CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public long UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
}

/// <summary>One run of a job: the definition it ran, why and for whom it was queued, and how it went.</summary>
public sealed class JobRunRecord
{
    public long Id { get; init; }
    public string JobName { get; init; } = "";
    public long JobVersion { get; init; }
    public string Definition { get; init; } = "";
    public string Status { get; init; } = "";
    public string Trigger { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public long Attempt { get; init; }
    public long? RetryOf { get; init; }
    public long? UpstreamRun { get; init; }
    public long QueuedAt { get; init; }
    public long NotBefore { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public long? HeartbeatAt { get; init; }
    public string? Node { get; init; }
    public bool CancelRequested { get; init; }
    public string? Error { get; init; }
}

/// <summary>One step of a run, with its log and its outputs (a JSON object).</summary>
public sealed class JobStepRecord
{
    public long RunId { get; init; }
    public long Idx { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Outputs { get; init; }
    public string? Error { get; init; }
    public string Log { get; init; } = "";
}

/// <summary>A job in the list: its record and its newest run, if any.</summary>
public sealed record JobSummary(JobRecord Job, JobRunRecord? LastRun);
