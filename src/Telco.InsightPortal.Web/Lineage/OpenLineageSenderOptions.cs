namespace Telco.InsightPortal.Web.Lineage;

/// <summary>Where to post the OpenLineage outbox, from configuration section <c>OpenLineage</c>. No
/// <see cref="Endpoint"/>: nothing is sent, and the events stay readable at <c>/api/v1/openlineage/events</c>.</summary>
public sealed record OpenLineageSenderOptions
{
    public const string Section = "OpenLineage";

    /// <summary>The full address events are posted to, one per request, e.g. Marquez's
    /// <c>http://marquez:5000/api/v1/lineage</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set; keep it in user secrets or the environment.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How often the sender looks for undelivered events.</summary>
    public double IntervalSeconds { get; init; } = 10;

    /// <summary>How long one post may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>The longest wait between attempts; waits double from <see cref="IntervalSeconds"/> up to this.</summary>
    public double MaxBackoffSeconds { get; init; } = 600;

    /// <summary>Events read per pass.</summary>
    public int BatchSize { get; init; } = 100;

    public void Validate()
    {
        if (Endpoint is { } e && (!e.IsAbsoluteUri || e.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"OpenLineage:Endpoint must be an absolute http or https address; got '{e}'.");
        if (IntervalSeconds <= 0 || TimeoutSeconds <= 0 || MaxBackoffSeconds < IntervalSeconds || BatchSize is < 1 or > 1000)
            throw new InvalidOperationException(
                "OpenLineage: IntervalSeconds and TimeoutSeconds must be above 0, MaxBackoffSeconds at least IntervalSeconds, BatchSize 1..1000.");
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from the interval, capped.</summary>
    public TimeSpan Backoff(long attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoffSeconds, IntervalSeconds * Math.Pow(2, Math.Min(attempts, 30))));
}
