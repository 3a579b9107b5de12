namespace Telco.InsightPortal.Apps;

/// <summary>
/// What the portal gives an app's pages: the deployment the app is bound to, the model versions it serves, their
/// training runs' held-out predictions, the snapshots they were trained on with the served version's scores, and
/// scoring of hypothetical rows. Implemented by the portal; apps never open the store or a model themselves, and every
/// score comes from the bound deployment through the portal's serving client.
/// </summary>
/// <remarks>Calls that reach serving throw <see cref="AppUnavailableException"/> with words for a user when the
/// deployment is stopped, slow or failing.</remarks>
public interface IAppHost
{
    /// <summary>The bound deployment and the versions it serves now, or null when the app is not bound.</summary>
    Task<AppDeployment?> DeploymentAsync(string appId, CancellationToken ct = default);

    /// <summary>The run's held-out test predictions (<c>predictions.csv</c>), or null when the run kept none.</summary>
    Task<Stream?> OpenHeldOutPredictionsAsync(string runId, CancellationToken ct = default);

    /// <summary>The newest logged predictions of <paramref name="version"/> on the app's deployment whose delayed label
    /// has arrived, at most <paramref name="limit"/>: (probability, churned). Empty when unbound or none are labelled.</summary>
    Task<IReadOnlyList<(double Score, bool Label)>> LabelledPredictionsAsync(string appId, AppServedVersion version, int limit, CancellationToken ct = default);

    /// <summary>The inputs the bound deployment takes, with what training saw of each (levels, range).</summary>
    Task<IReadOnlyList<AppInputHint>> InputsAsync(string appId, CancellationToken ct = default);

    /// <summary>Probability and per-feature contributions for each row, from the deployment's <c>/explain</c>: one call,
    /// never logged as a prediction — what-if rows and offer candidates are not customers' predictions.</summary>
    Task<IReadOnlyList<AppExplanation>> ExplainAsync(string appId, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct = default);

    /// <summary>The snapshots of the dataset that the served version (largest share) was trained on, newest first.</summary>
    Task<IReadOnlyList<AppSnapshot>> SnapshotsAsync(string appId, CancellationToken ct = default);

    /// <summary>
    /// One page of a snapshot's rows with the served version's probability for each, filtered and sorted in the store.
    /// Scores come from the store's cache per (row, model version), filled by the portal in the background; rows of
    /// the page that are not cached yet are scored through the deployment for this answer (and not written by it).
    /// </summary>
    Task<AppRowPage> RowsAsync(string appId, long snapshotId, AppRowQuery query, CancellationToken ct = default);

    /// <summary>Saves the decision threshold and cost matrix on a model version (audited); the signed-in user must be
    /// allowed to edit models. Serving labels that version's scores with the threshold from then on.</summary>
    Task SaveDecisionAsync(AppServedVersion version, AppDecision decision, CancellationToken ct = default);

    /// <summary>The signed-in user's saved items of one kind in this app (scenarios), newest first.</summary>
    Task<IReadOnlyList<AppSavedItem>> SavedAsync(string appId, string kind, CancellationToken ct = default);

    /// <summary>Saves (or replaces, by name) one of the signed-in user's items; <paramref name="body"/> is JSON, at most 64 KiB.</summary>
    Task SaveAsync(string appId, string kind, string name, string body, CancellationToken ct = default);

    /// <summary>Deletes one of the signed-in user's items; false when there was none by that name.</summary>
    Task<bool> DeleteSavedAsync(string appId, string kind, string name, CancellationToken ct = default);

    /// <summary>Whether the signed-in user may see personal data (customer ids); apps mask it otherwise.</summary>
    Task<bool> CanSeePersonalDataAsync(CancellationToken ct = default);
}

/// <summary>A deployment as an app sees it: its name, whether it is serving, and its versions (largest share first).</summary>
public sealed record AppDeployment(string Name, string Status, IReadOnlyList<AppServedVersion> Versions)
{
    /// <summary>False while the deployment is stopped: apps then show cached scores and say why nothing new is scored.</summary>
    public bool Serving => Status != "stopped";
}

/// <summary>A model version a deployment serves, with its share of traffic (percent), the run that trained it and the
/// decision saved on it (null: none saved, the portal's default threshold applies).</summary>
public sealed record AppServedVersion(string Model, string Version, string RunId, int Weight, AppDecision? Decision = null)
{
    public string Label => $"{Model} v{Version}";

    /// <summary>The version's decision threshold, or the default 0.5 when none was saved.</summary>
    public double Threshold => Decision?.Threshold ?? AppDecision.DefaultThreshold;
}

/// <summary>A decision saved on a model version: score at or above <see cref="Threshold"/> means act; the values of
/// true positives and negatives and the costs of false ones (all ≥ 0, in one currency).</summary>
public sealed record AppDecision(double Threshold, double TruePositiveValue, double TrueNegativeValue, double FalsePositiveCost,
    double FalseNegativeCost, string? SetBy = null, DateTimeOffset? SetAt = null)
{
    public const double DefaultThreshold = 0.5;

    /// <summary>What is wrong with the decision, naming the field; null when it is valid.</summary>
    public string? Problem() =>
        Threshold is <= 0 or >= 1 || double.IsNaN(Threshold) ? "The threshold must be between 0 and 1 (exclusive)."
        : Bad(TruePositiveValue) ? "The value of a true positive must be a number of at least 0."
        : Bad(TrueNegativeValue) ? "The value of a true negative must be a number of at least 0."
        : Bad(FalsePositiveCost) ? "The cost of a false positive must be a number of at least 0."
        : Bad(FalseNegativeCost) ? "The cost of a false negative must be a number of at least 0."
        : null;

    private static bool Bad(double v) => double.IsNaN(v) || double.IsInfinity(v) || v < 0;
}

/// <summary>One input of the bound deployment: <c>integer</c>, <c>real</c>, <c>text</c> or <c>timestamp</c>, with the
/// levels (most frequent first) and range that training saw, where serving reports them.</summary>
public sealed record AppInputHint(string Name, string Type, IReadOnlyList<string>? Levels, double? Min, double? Max);

/// <summary>A row's probability from <c>/explain</c> and its largest contributions (by size, signed toward the positive class).</summary>
public sealed record AppExplanation(double Probability, IReadOnlyList<AppContribution> Contributions);

public sealed record AppContribution(string Column, double Contribution);

/// <summary>A snapshot of a dataset, as an app offers it for choosing.</summary>
public sealed record AppSnapshot(long Id, string Dataset, int Version, long Rows, DateTimeOffset CreatedAt)
{
    public string Label => $"{Dataset} v{Version} ({Rows:N0} rows)";
}

/// <summary>
/// What page of a snapshot's rows to read: column filters (<see cref="In"/>: the column's value is one of these;
/// <see cref="Range"/>: a number within bounds), a probability range (a risk band), a sort (a column name, or
/// <see cref="ProbabilitySort"/>) and a page. Column names are checked against the dataset's schema; values are
/// parameters. <see cref="Bands"/> are the probability edges to count rows between (ascending, within (0, 1)).
/// </summary>
public sealed record AppRowQuery
{
    public const string ProbabilitySort = "@probability";
    public const int MaxLimit = 1000;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> In { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, (double? Min, double? Max)> Range { get; init; } = new Dictionary<string, (double?, double?)>();
    public double? MinProbability { get; init; }
    public double? MaxProbability { get; init; }

    /// <summary>One row by its id in the dataset (a customer page); null for every row.</summary>
    public long? RowId { get; init; }
    public string? SortBy { get; init; }
    public bool Descending { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
    public IReadOnlyList<double> Bands { get; init; } = [];
}

/// <summary>
/// A page of rows with their scores. <see cref="Total"/> counts the rows matching the column filters; while the
/// snapshot is not fully scored (<see cref="Scored"/> &lt; <see cref="SnapshotRows"/>) probability filters, the
/// probability sort and <see cref="BandCounts"/> cover only the scored rows. <see cref="ScoredAt"/> is when the
/// oldest cached score on the page was made (null when all were scored for this answer).
/// </summary>
public sealed record AppRowPage(long Total, long SnapshotRows, long Scored, IReadOnlyList<AppScoredRow> Rows,
    IReadOnlyList<long> BandCounts, DateTimeOffset? ScoredAt, string ModelVersion)
{
    public bool FullyScored => Scored >= SnapshotRows;
}

/// <summary>One row: its id in the dataset, its values by column name, and the served version's probability.</summary>
public sealed record AppScoredRow(long RowId, IReadOnlyDictionary<string, object?> Values, double Probability);

/// <summary>A user's saved item in an app (a what-if scenario): its name, JSON body and when it was saved.</summary>
public sealed record AppSavedItem(string Name, string Body, DateTimeOffset SavedAt);

/// <summary>The bound deployment cannot answer now (stopped, slow, failing, not bound): <see cref="Exception.Message"/>
/// says so in words for the page.</summary>
public sealed class AppUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
