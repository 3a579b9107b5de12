namespace Telco.InsightPortal.Data.Lineage;

/// <summary>The sender's side of the OpenLineage outbox (migration 0020): one lease for the whole outbox, and each
/// event's delivery marks.</summary>
internal static class OpenLineageDeliverySql
{
    // One conditional UPDATE: of two instances that race for an expired lease, one changes the row and the other sees 0.
    public const string Lease = """
        UPDATE openlineage_sender SET owner = @Owner, lease_expires_at = @Until
         WHERE id = 1 AND (owner IS NULL OR owner = @Owner OR lease_expires_at < @Now)
        """;

    public const string Release = "UPDATE openlineage_sender SET owner = NULL, lease_expires_at = NULL WHERE id = 1 AND owner = @Owner";

    public const string Pending = """
        SELECT id AS Id, body AS Body, attempts AS Attempts, next_attempt_at AS NextAttemptAt
          FROM openlineage_outbox
         WHERE sent_at IS NULL AND rejected_at IS NULL
         ORDER BY id
         LIMIT @Limit
        """;

    public const string Sent = "UPDATE openlineage_outbox SET sent_at = @At, attempts = attempts + 1, last_error = NULL WHERE id = @Id AND sent_at IS NULL";

    public const string Failed = """
        UPDATE openlineage_outbox SET attempts = attempts + 1, last_error = @Error, next_attempt_at = @NextAttemptAt
         WHERE id = @Id AND sent_at IS NULL
        """;

    public const string Rejected = """
        UPDATE openlineage_outbox SET attempts = attempts + 1, last_error = @Error, rejected_at = @At
         WHERE id = @Id AND sent_at IS NULL
        """;

    public const string Status = """
        SELECT
          (SELECT COUNT(*) FROM openlineage_outbox WHERE sent_at IS NOT NULL) AS Sent,
          (SELECT COUNT(*) FROM openlineage_outbox WHERE sent_at IS NULL AND rejected_at IS NULL) AS Pending,
          (SELECT COUNT(*) FROM openlineage_outbox WHERE rejected_at IS NOT NULL) AS Rejected,
          (SELECT MIN(event_time) FROM openlineage_outbox WHERE sent_at IS NULL AND rejected_at IS NULL) AS OldestPendingAt,
          (SELECT MAX(sent_at) FROM openlineage_outbox) AS LastSentAt
        """;

    // The error that holds the queue up now: the oldest pending event's, when it has failed before.
    public const string HeadError = """
        SELECT id AS Id, attempts AS Attempts, last_error AS LastError, next_attempt_at AS NextAttemptAt
          FROM openlineage_outbox
         WHERE sent_at IS NULL AND rejected_at IS NULL
         ORDER BY id
         LIMIT 1
        """;
}
