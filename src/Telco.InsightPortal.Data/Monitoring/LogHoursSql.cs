namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>The persisted per-hour log figures (migration 0018). Hours are bucket starts in Unix milliseconds.</summary>
internal static class LogHoursSql
{
    private const string Key = "deployment_id = @Id AND hour >= @From AND hour < @To";

    public const string Counted = $"SELECT hour FROM monitoring_log_hours WHERE {Key}";

    public const string Read = $"""
        SELECT hour AS Hour, predictions AS Predictions, p50 AS P50, p95 AS P95, p99 AS P99, latency AS Latency, histogram AS Histogram,
            estimate AS Estimate
        FROM monitoring_log_hours WHERE {Key}
        """;

    /// <summary>The row is the hour's mark: nothing is inserted when another instance counted it first.</summary>
    public const string Insert = """
        INSERT INTO monitoring_log_hours (deployment_id, hour, counted_at, predictions, p50, p95, p99, latency, histogram, estimate)
        VALUES (@Id, @Hour, @At, @Predictions, @P50, @P95, @P99, @Latency, @Histogram, @Estimate)
        ON CONFLICT DO NOTHING
        """;
}
