namespace Telco.InsightPortal.Data.Tracking;

public static class LifecycleStages
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}

public static class RunStatuses
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED" };
}

/// <summary>Which lifecycle stages a search returns (MLflow's ViewType).</summary>
public enum ViewType { ActiveOnly, DeletedOnly, All }

public sealed record TrackingTag(string Key, string Value);

public sealed record TrackingParam(string Key, string Value);

public sealed record TrackingMetric(string Key, double Value, long Timestamp, long Step);

public sealed record Experiment(long ExperimentId, string Name, string ArtifactLocation, string LifecycleStage,
    long CreationTime, long LastUpdateTime)
{
    public IReadOnlyList<TrackingTag> Tags { get; init; } = [];
}

public sealed record RunInfo(string RunId, long ExperimentId, string RunName, string UserId, string Status, long StartTime,
    long? EndTime, string LifecycleStage, string ArtifactUri);

public sealed record Run(RunInfo Info, IReadOnlyList<TrackingMetric> Metrics, IReadOnlyList<TrackingParam> Params, IReadOnlyList<TrackingTag> Tags);

public sealed record RunPage(IReadOnlyList<Run> Runs, string? NextPageToken);

public sealed record ExperimentPage(IReadOnlyList<Experiment> Experiments, string? NextPageToken);

public sealed record MetricPage(IReadOnlyList<TrackingMetric> Metrics, string? NextPageToken);
