using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments.Api;

// Requests: every field optional here, so that a missing one is answered by name rather than by the binder.
public sealed class KeyValueJson
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

public sealed class MetricJson
{
    public string? Key { get; init; }
    public double? Value { get; init; }
    public long? Timestamp { get; init; }
    public long? Step { get; init; }
}

public sealed class ExperimentRequest
{
    public string? ExperimentId { get; init; }
    public string? Name { get; init; }
    public string? NewName { get; init; }
    public string? ArtifactLocation { get; init; }
    public string? Key { get; init; }
    public string? Value { get; init; }
    public List<KeyValueJson>? Tags { get; init; }
}

public sealed class SearchRequest
{
    public List<string>? ExperimentIds { get; init; }
    public string? Filter { get; init; }
    public string? RunViewType { get; init; }
    public string? ViewType { get; init; }
    public int? MaxResults { get; init; }
    public List<string>? OrderBy { get; init; }
    public string? PageToken { get; init; }
}

public sealed class RunRequest
{
    public string? RunId { get; init; }
    public string? RunUuid { get; init; }
    public string? ExperimentId { get; init; }
    public string? RunName { get; init; }
    public long? StartTime { get; init; }
    public long? EndTime { get; init; }
    public string? Status { get; init; }
    public string? Key { get; init; }
    public string? Value { get; init; }
    public List<KeyValueJson>? Tags { get; init; }
    public List<MetricJson>? Metrics { get; init; }
    public List<KeyValueJson>? Params { get; init; }

    public string Id() => MlflowJson.Required(string.IsNullOrEmpty(RunId) ? RunUuid : RunId, "run_id");
}

public sealed class LogInputsRequest
{
    public string? RunId { get; init; }
    public List<DatasetInputJson>? Datasets { get; init; }
}

public sealed class DatasetInputJson
{
    public List<KeyValueJson>? Tags { get; init; }
    public DatasetJson? Dataset { get; init; }
}

public sealed class DatasetJson
{
    public string? Name { get; init; }
    public string? Digest { get; init; }
    public string? SourceType { get; init; }
    public string? Source { get; init; }
    public string? Schema { get; init; }
    public string? Profile { get; init; }

    public static DatasetJson From(RunDataset d) =>
        new() { Name = d.Name, Digest = d.Digest, SourceType = d.SourceType, Source = d.Source, Schema = d.Schema, Profile = d.Profile };
}

/// <summary>log-metric apart from <see cref="RunRequest"/>: its value is a number where a tag's is a string.</summary>
public sealed class LogMetricRequest
{
    public string? RunId { get; init; }
    public string? RunUuid { get; init; }
    public string? Key { get; init; }
    public double? Value { get; init; }
    public long? Timestamp { get; init; }
    public long? Step { get; init; }

    public string Id() => MlflowJson.Required(string.IsNullOrEmpty(RunId) ? RunUuid : RunId, "run_id");
}

// Responses, in MLflow's shapes.
public sealed record ExperimentJson(string ExperimentId, string Name, string ArtifactLocation, string LifecycleStage,
    long LastUpdateTime, long CreationTime, IReadOnlyList<TrackingTag> Tags)
{
    public static ExperimentJson From(Experiment e) =>
        new(MlflowJson.Id(e.ExperimentId), e.Name, e.ArtifactLocation, e.LifecycleStage, e.LastUpdateTime, e.CreationTime, e.Tags);
}

public sealed record RunInfoJson(string RunId, string RunUuid, string RunName, string ExperimentId, string UserId, string Status,
    long StartTime, long? EndTime, string ArtifactUri, string LifecycleStage)
{
    public static RunInfoJson From(RunInfo r) =>
        new(r.RunId, r.RunId, r.RunName, MlflowJson.Id(r.ExperimentId), r.UserId, r.Status, r.StartTime, r.EndTime, r.ArtifactUri, r.LifecycleStage);
}

public sealed record RunDataJson(IReadOnlyList<TrackingMetric> Metrics, IReadOnlyList<TrackingParam> Params, IReadOnlyList<TrackingTag> Tags);

/// <summary>MLflow's RunInputs; with no inputs it is <c>{}</c>, as MLflow omits an empty repeated field.</summary>
public sealed record RunInputsJson(IReadOnlyList<DatasetInputJson>? DatasetInputs)
{
    public static RunInputsJson From(IReadOnlyList<DatasetInput> inputs) => new(inputs.Count == 0 ? null
        : inputs.Select(i => new DatasetInputJson { Tags = i.Tags.Select(t => new KeyValueJson { Key = t.Key, Value = t.Value }).ToList(), Dataset = DatasetJson.From(i.Dataset) }).ToList());
}

public sealed record RunJson(RunInfoJson Info, RunDataJson Data, RunInputsJson Inputs)
{
    public static RunJson From(Run r) => new(RunInfoJson.From(r.Info), new RunDataJson(r.Metrics, r.Params, r.Tags), RunInputsJson.From(r.Inputs));
}
