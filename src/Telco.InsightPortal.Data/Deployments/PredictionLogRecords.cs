namespace Telco.InsightPortal.Data.Deployments;

/// <summary>
/// What a logged row's values mean: the deployment and model version that scored it and its input column names, in
/// the order of the row's values (a JSON array of names). Stored once in prediction_layouts; rows point at it.
/// </summary>
public sealed record PredictionLayout(long DeploymentId, string ModelVersion, string Columns);

/// <summary>One prediction as the log writer hands it to the store: <see cref="Inputs"/> is a UTF-8 JSON array of the
/// row's values in <see cref="PredictionLayout.Columns"/> order; the time it was made is the UUIDv7's own.
/// <see cref="EntityId"/> is the value of the schema's id column the request carried for the row (never a model
/// input), null when it carried none.</summary>
public readonly record struct LoggedPrediction(PredictionLayout Layout, Guid Uuid, double LatencyMs, ReadOnlyMemory<byte> Inputs, float Probability, int Label,
    string? EntityId = null);

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
    /// <summary>The id (customerID, device_id) the request carried for the row, if any.</summary>
    public string? EntityId { get; init; }
}

/// <summary>What a prediction log writer adds to a deployment's counters, for one minute (ms since the epoch / 60,000).</summary>
public sealed record CounterDelta(long DeploymentId, long Minute, long Requests, long Failed, long Dropped);

/// <summary>Requests, failures and drops of one deployment in one minute: the error-rate chart's points.</summary>
public sealed record MinuteCounts(long Minute, long Requests, long Failed, long Dropped);

/// <summary>Delayed ground truth for one prediction (<see cref="Uuid"/>), or for every prediction of the deployment
/// about one entity (<see cref="EntityId"/>) made in [<see cref="From"/>, <see cref="To"/>) (ms since the epoch; open
/// ends when null). Exactly one of the two is set.</summary>
public sealed record DelayedLabel(string? Uuid, int Label, string? EntityId = null, long? From = null, long? To = null)
{
    public static DelayedLabel ForEntity(string entityId, int label, long? from = null, long? to = null) => new(null, label, entityId, from, to);
}

/// <summary>Predictions labelled, and the uuids and ids that matched no logged prediction of the deployment.</summary>
public sealed record LabelOutcome(int Stored, IReadOnlyList<string> Unknown);

public sealed record LatencyPoint(long CreatedAt, double LatencyMs);

/// <summary>What a page of the prediction log asks for: the predictions about one entity (any time), or else those since
/// <see cref="From"/> (ms since the epoch); below <see cref="Before"/> (the previous page's last row); at most
/// <see cref="Limit"/>.</summary>
public sealed record PredictionQuery(string? EntityId, long From, PredictionCursor? Before, int Limit);

/// <summary>Where the next page of the log starts: below this row (its time, then its uuid).</summary>
public sealed record PredictionCursor(long CreatedAt, Guid Uuid)
{
    public static PredictionCursor Of(PredictionRecord row) => new(row.CreatedAt, Guid.Parse(row.Uuid));
}

/// <summary>A page of predictions, newest first, and whether older ones follow.</summary>
public sealed record PredictionPage(IReadOnlyList<PredictionRecord> Rows, bool HasMore);
