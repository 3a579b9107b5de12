namespace Telco.InsightPortal.Serving;

/// <summary>The <c>Serving</c> section. The store settings are read only when serving runs alone; inside the portal it
/// shares the portal's store and artifact root.</summary>
public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>Rows one request may score.</summary>
    public int MaxRows { get; set; } = 10_000;
    /// <summary>Bytes one request body may hold (413 above).</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>How long a checked access key is trusted before the store is asked again: the bound on how late a
    /// revocation made elsewhere takes effect (a revocation in the same process takes effect at once).</summary>
    public double KeyCacheSeconds { get; set; } = 5;
    /// <summary>How often a serving process looks for deployment changes (revision numbers) in the store.</summary>
    public double PollSeconds { get; set; } = 2;
    /// <summary>Predictions (rows, not requests) waiting for the log writer; a request whose rows do not fit is dropped
    /// and its rows counted. At least <see cref="MaxRows"/>, so that one full request fits.</summary>
    public int LogCapacity { get; set; } = 100_000;
    /// <summary>Predictions written per store transaction.</summary>
    public int LogBatchSize { get; set; } = 1_000;
    /// <summary>How long the log writer lets predictions gather before writing a batch that is not yet full: the most
    /// a logged prediction waits before it can be read from the store.</summary>
    public int LogGatherMilliseconds { get; set; } = 200;
    public bool LogPredictions { get; set; } = true;
    /// <summary>Probability at or above which the label is 1.</summary>
    public double Threshold { get; set; } = 0.5;
    /// <summary>Seeds the canary traffic split; unset, the split uses a shared random source.</summary>
    public int? RoutingSeed { get; set; }
    /// <summary>Where model zips live; defaults to the portal's <c>&lt;Portal:DataDir&gt;/artifacts</c>.</summary>
    public string? ArtifactRoot { get; set; }
    public ServingStoreOptions Store { get; set; } = new();
}

/// <summary>The store a standalone serving process reads: the portal's own, shared.</summary>
public sealed class ServingStoreOptions
{
    public string Provider { get; set; } = "Sqlite";
    public string? ConnectionString { get; set; }
}
