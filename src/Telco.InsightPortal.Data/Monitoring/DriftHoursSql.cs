namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>The persisted hourly drift counts (migration 0018). Hours are bucket starts in Unix milliseconds.</summary>
internal static class DriftHoursSql
{
    private const string Key = "deployment_id = @Id AND snapshot_id = @Snapshot AND hour >= @From AND hour < @To";

    public const string CountedHours = $"SELECT hour FROM monitoring_drift_hours WHERE {Key}";

    /// <summary>Counts summed per window of @Width from @Origin (Hour is the window's start): a month's report reads a few
    /// hundred rows, not every hour's.</summary>
    public const string Counts = $"""
        SELECT feature AS Feature, @Origin + (hour - @Origin) / @Width * @Width AS Hour, bin AS B, category AS C, CAST(SUM(n) AS BIGINT) AS N
        FROM monitoring_drift_counts WHERE {Key}
        GROUP BY feature, (hour - @Origin) / @Width, bin, category
        """;

    /// <summary>Claims an hour; no row is inserted when another instance counted it first.</summary>
    public const string Mark = """
        INSERT INTO monitoring_drift_hours (deployment_id, snapshot_id, hour, counted_at) VALUES (@Id, @Snapshot, @Hour, @At)
        ON CONFLICT DO NOTHING
        """;

    public const string Insert = """
        INSERT INTO monitoring_drift_counts (deployment_id, snapshot_id, hour, feature, bin, category, n)
        VALUES (@Id, @Snapshot, @Hour, @Feature, @B, @C, @N)
        """;

    /// <summary>The deployment's oldest logged prediction: UUIDv7 ids start with their millisecond, so the primary key answers
    /// (ORDER BY … LIMIT 1: PostgreSQL has no MIN of a uuid).</summary>
    public const string FirstPrediction = "SELECT uuid FROM predictions WHERE deployment_id = @Id ORDER BY uuid LIMIT 1";
}
