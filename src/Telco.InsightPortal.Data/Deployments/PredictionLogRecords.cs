namespace Telco.InsightPortal.Data.Deployments;

/// <summary>
/// What a logged row's values mean: the deployment and model version that scored it and its input column names, in
/// the order of the row's values (a JSON array of names). Stored once in prediction_layouts; rows point at it.
/// </summary>
public sealed record PredictionLayout(long DeploymentId, string ModelVersion, string Columns);

/// <summary>One prediction as the log writer hands it to the store: <see cref="Inputs"/> is a JSON array of the row's
/// values in <see cref="PredictionLayout.Columns"/> order; the time it was made is the UUIDv7's own.</summary>
public readonly record struct LoggedPrediction(PredictionLayout Layout, Guid Uuid, double LatencyMs, string Inputs, float Probability, int Label);

/// <summary>One logged prediction as read back. <see cref="Inputs"/> is the row as a JSON object keyed by input column.</summary>
public sealed record PredictionRecord
{
    public string Uuid { get; init; } = "";
    public long DeploymentId { get; init; }
    public string ModelVersion { get; init; } = "";
    public long CreatedAt { get; init; }
    public double LatencyMs { get; init; }
    public string Inputs { get; init; } = "{}";
    public double Probability { get; init; }
    public int Label { get; init; }
    /// <summary>The delayed ground truth, when it has arrived.</summary>
    public int? TrueLabel { get; init; }
}

/// <summary>What a prediction log writer adds to a deployment's counters, for one minute (ms since the epoch / 60,000).</summary>
public sealed record CounterDelta(long DeploymentId, long Minute, long Requests, long Failed, long Dropped);

/// <summary>Requests, failures and drops of one deployment in one minute: the error-rate chart's points.</summary>
public sealed record MinuteCounts(long Minute, long Requests, long Failed, long Dropped);

public sealed record DelayedLabel(string Uuid, int Label);

/// <summary>Labels stored, and the uuids that matched no logged prediction of the deployment.</summary>
public sealed record LabelOutcome(int Stored, IReadOnlyList<string> Unknown);

public sealed record LatencyPoint(long CreatedAt, double LatencyMs);
