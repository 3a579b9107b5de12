namespace Telco.InsightPortal.Core.Dashboards;

public enum ChartSourceKind { Snapshot, Predictions, Runs }

/// <summary>
/// What a chart reads, one of three kinds, each written in a spec's <c>source</c> object:
/// <list type="bullet">
/// <item>a dataset snapshot — <c>{"kind":"snapshot","dataset":"telco","snapshot":"latest"}</c> (the kind may be left
/// out; <c>snapshot</c> is an id or "latest", the dataset's head, when <see cref="SnapshotId"/> is null);</item>
/// <item>the prediction log of a deployment — <c>{"kind":"predictions","deployment":"churn-prod"}</c>: one row per
/// logged prediction, its inputs by name beside probability, label, model_version, created_at, latency_ms, and the
/// delayed label (actual, labeled_at) when it has arrived;</item>
/// <item>the runs of an experiment — <c>{"kind":"runs","experiment":"telco-churn"}</c>: one row per run, with
/// run_id, run_name, status, start_time, end_time and each latest metric and param as <c>metrics.&lt;key&gt;</c> and
/// <c>params.&lt;key&gt;</c>, as MLflow's search names them.</item>
/// </list>
/// The log and the runs change as they are written, so only snapshot answers are cached.
/// </summary>
public sealed record ChartSource(string Dataset, long? SnapshotId)
{
    public const string SnapshotKind = "snapshot";
    public const string PredictionsKind = "predictions";
    public const string RunsKind = "runs";
    public const string Latest = "latest";

    public ChartSourceKind Kind { get; init; } = ChartSourceKind.Snapshot;

    /// <summary>The deployment whose prediction log a <see cref="ChartSourceKind.Predictions"/> source reads.</summary>
    public string? Deployment { get; init; }

    /// <summary>The experiment whose runs a <see cref="ChartSourceKind.Runs"/> source reads.</summary>
    public string? Experiment { get; init; }

    public bool IsLatest => SnapshotId is null;

    public bool IsSnapshot => Kind == ChartSourceKind.Snapshot;

    public static ChartSource Predictions(string deployment) => new("", null) { Kind = ChartSourceKind.Predictions, Deployment = deployment };

    public static ChartSource Runs(string experiment) => new("", null) { Kind = ChartSourceKind.Runs, Experiment = experiment };
}
