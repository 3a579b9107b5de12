using System.Text.Json;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;

namespace Telco.InsightPortal.Web.Jobs.Api;

public sealed record JobRunBrief(long Id, string Status, string Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long? DurationMs, int Attempt, string? Error)
{
    public static JobRunBrief Of(JobRunRecord r) => new(r.Id, r.Status, r.Trigger, Time(r.QueuedAt), TimeOrNull(r.StartedAt), TimeOrNull(r.FinishedAt),
        Duration(r.StartedAt, r.FinishedAt), (int)r.Attempt, r.Error);

    internal static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static DateTimeOffset? TimeOrNull(long? ms) => ms is { } t ? Time(t) : null;

    internal static long? Duration(long? start, long? end) => start is { } s && end is { } e ? e - s : null;
}

public sealed record JobListItem(string Name, string Kind, string? Description, string? Schedule, bool Enabled, IReadOnlyList<string> After,
    long Version, DateTimeOffset? NextRun, JobRunBrief? LastRun);

/// <summary>A job: its definition exactly as it is saved (the body a PUT takes), its version and next fire time.</summary>
public sealed record JobResponse(string Name, long Version, DateTimeOffset UpdatedAt, string UpdatedBy, DateTimeOffset? NextRun, JsonElement Definition)
{
    public static JobResponse Of(JobRecord r, DateTimeOffset? next)
    {
        using var document = JsonDocument.Parse(r.Body);
        return new(r.Name, r.Version, JobRunBrief.Time(r.UpdatedAt), r.UpdatedBy, next, document.RootElement.Clone());
    }
}

public sealed record JobStepResponse(string Name, string Kind, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs,
    IReadOnlyDictionary<string, object?> Outputs, string? Error, string Log)
{
    public static JobStepResponse Of(JobStepRecord s) => new(s.Name, s.Kind, s.Status, JobRunBrief.TimeOrNull(s.StartedAt), JobRunBrief.TimeOrNull(s.FinishedAt),
        JobRunBrief.Duration(s.StartedAt, s.FinishedAt), JobOutputs.Read(s.Outputs), s.Error, s.Log);
}

public sealed record JobRunResponse(long Id, string Job, string Status, string Trigger, string RequestedBy, int Attempt, long? RetryOf, long? UpstreamRun,
    DateTimeOffset QueuedAt, DateTimeOffset NotBefore, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, string? Node,
    bool CancelRequested, string? Error, IReadOnlyList<JobStepResponse> Steps)
{
    public static JobRunResponse Of(JobRunRecord r, IReadOnlyList<JobStepRecord> steps) => new(r.Id, r.JobName, r.Status, r.Trigger, r.RequestedBy,
        (int)r.Attempt, r.RetryOf, r.UpstreamRun, JobRunBrief.Time(r.QueuedAt), JobRunBrief.Time(r.NotBefore), JobRunBrief.TimeOrNull(r.StartedAt),
        JobRunBrief.TimeOrNull(r.FinishedAt), JobRunBrief.Duration(r.StartedAt, r.FinishedAt), r.Node, r.CancelRequested, r.Error,
        steps.Select(JobStepResponse.Of).ToList());
}

public sealed record JobRunQueued(long RunId);
