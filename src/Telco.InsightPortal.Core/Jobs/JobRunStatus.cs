namespace Telco.InsightPortal.Core.Jobs;

/// <summary>The states of a job run and of its steps, as the store and the API spell them.</summary>
public static class JobRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>The process running it stopped (crash, kill, shutdown) before it finished.</summary>
    public const string Interrupted = "interrupted";
    public const string Cancelled = "cancelled";
    /// <summary>A step whose condition did not hold, or that follows a failed step.</summary>
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Succeeded, Failed, Interrupted, Cancelled];

    public static bool IsFinished(string status) => status is Succeeded or Failed or Interrupted or Cancelled;
}

/// <summary>Why a run was queued.</summary>
public static class JobRunTrigger
{
    public const string Manual = "manual";
    public const string Schedule = "schedule";
    public const string Dependency = "dependency";
    public const string Retry = "retry";
    public const string Rule = "rule";
}
