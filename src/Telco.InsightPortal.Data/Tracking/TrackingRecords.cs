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

public sealed record Run(RunInfo Info, IReadOnlyList<TrackingMetric> Metrics, IReadOnlyList<TrackingParam> Params, IReadOnlyList<TrackingTag> Tags)
{
    /// <summary>The datasets the run logged as inputs (MLflow's <c>inputs.dataset_inputs</c>).</summary>
    public IReadOnlyList<DatasetInput> Inputs { get; init; } = [];
}

/// <summary>A dataset as MLflow describes it: <see cref="Schema"/> and <see cref="Profile"/> are JSON text the client chose.</summary>
public sealed record RunDataset(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile);

/// <summary>One use of a dataset by a run, with the tags of that use (e.g. <c>mlflow.data.context</c>).</summary>
public sealed record DatasetInput(IReadOnlyList<TrackingTag> Tags, RunDataset Dataset);

public sealed record RunPage(IReadOnlyList<Run> Runs, string? NextPageToken);

public sealed record ExperimentPage(IReadOnlyList<Experiment> Experiments, string? NextPageToken);

public sealed record MetricPage(IReadOnlyList<TrackingMetric> Metrics, string? NextPageToken);
