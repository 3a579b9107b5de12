namespace Telco.InsightPortal.Web.Jobs;

/// <summary>The <c>Jobs</c> section: how often a running job proves it is alive, when a silent one counts as
/// interrupted, and how many jobs one instance runs at once.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False: this instance schedules and runs nothing (the API and pages still work; other instances run).</summary>
    public bool RunJobs { get; set; } = true;

    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>A running run whose heartbeat is older than this is interrupted (its process is gone) and retried per its policy.</summary>
    public int StaleAfterSeconds { get; set; } = 45;

    /// <summary>How often each instance looks for interrupted runs and queued runs without a trigger.</summary>
    public int SweepSeconds { get; set; } = 10;

    /// <summary>Jobs run at once by one instance (a job never runs twice at once, on any instance). Most of a run is waiting
    /// (for training, for a rate, for labels), so more than the cores.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often clustered instances check in with each other (PostgreSQL).</summary>
    public int ClusterCheckinSeconds { get; set; } = 5;
}
