namespace Telco.InsightPortal.Data.Lineage;

internal static class OpenLineageSql
{
    public const string Insert = """
        INSERT INTO openlineage_outbox (event_time, event_type, run_id, job_name, body)
        VALUES (@EventTime, @EventType, @RunId, @JobName, @Body)
        """;

    public const string After = """
        SELECT id AS Id, body AS Body FROM openlineage_outbox WHERE id > @After ORDER BY id LIMIT @Limit
        """;
}
