namespace Telco.InsightPortal.Data.Tracking;

/// <summary>The embedded trainer's queue, leases and cancel requests (migration 0010). Every change of a run's status
/// here is one conditional UPDATE, so two instances that race for the same run cannot both win.</summary>
internal static class RunLeaseSql
{
    // Milliseconds since the epoch on the store's clock: leases are written and checked on one clock, whatever the
    // instances' clocks say.
    public const string SqliteNow = "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
    public const string PostgresNow = "SELECT CAST(extract(epoch FROM clock_timestamp()) * 1000 AS BIGINT)";

    public const string InsertRequest = """
        INSERT INTO training_requests (run_id, queued_at, request, actor) VALUES (@RunId, @QueuedAt, @Request, @Actor)
        """;

    // Oldest first. Reading a candidate claims nothing: the UPDATE below does, once.
    public const string QueuedCandidates = """
        SELECT q.run_id AS RunId, q.request AS Request, q.actor AS Actor
          FROM training_requests q JOIN runs r ON r.run_id = q.run_id
         WHERE r.status = 'SCHEDULED' AND r.owner IS NULL AND r.lifecycle_stage = 'active'
         ORDER BY q.queued_at, q.run_id
         LIMIT @Limit
        """;
    public const string Claim = """
        UPDATE runs SET status = 'RUNNING', owner = @Owner, lease_expires_at = @ExpiresAt
         WHERE run_id = @RunId AND status = 'SCHEDULED' AND owner IS NULL AND lifecycle_stage = 'active'
        """;

    public const string Renew = """
        UPDATE runs SET lease_expires_at = @ExpiresAt
         WHERE owner = @Owner AND status = 'RUNNING' AND run_id IN @Ids 
        RETURNING run_id AS RunId, cancel_requested_by AS CancelRequestedBy
        """;
    public const string CancelRequestsOf = """
        SELECT run_id AS RunId, cancel_requested_by AS CancelRequestedBy
          FROM runs WHERE owner = @Owner AND status = 'RUNNING' AND cancel_requested_by IS NOT NULL
        """;

    public const string Expired = """
        SELECT run_id AS RunId, owner AS Owner, lease_expires_at AS ExpiredAt, status AS Status
          FROM runs
         WHERE status IN ('SCHEDULED', 'RUNNING') AND owner IS NOT NULL AND lease_expires_at < @Now
        """;
    public const string FailExpired = """
        UPDATE runs SET status = 'FAILED', end_time = @EndTime
         WHERE run_id = @RunId AND owner = @Owner AND status IN ('SCHEDULED', 'RUNNING') AND lease_expires_at < @Now
        """;

    public const string EndOwned = """
        UPDATE runs SET status = @Status, end_time = @EndTime
         WHERE run_id = @RunId AND owner = @Owner AND status = 'RUNNING'
        """;
    public const string Release = """
        UPDATE runs SET status = 'SCHEDULED', owner = NULL, lease_expires_at = NULL
         WHERE run_id = @RunId AND owner = @Owner AND status = 'RUNNING' AND cancel_requested_by IS NULL
        """;

    public const string KillQueued = """
        UPDATE runs SET status = 'KILLED', end_time = @Now, cancel_requested_by = @By, cancel_requested_at = @Now
         WHERE run_id = @RunId AND status = 'SCHEDULED' AND owner IS NULL
        """;
    public const string RequestCancel = """
        UPDATE runs SET cancel_requested_by = @By, cancel_requested_at = @Now
         WHERE run_id = @RunId AND status = 'RUNNING' AND cancel_requested_by IS NULL
        """;

    public const string Lease = """
        SELECT run_id AS RunId, status AS Status, owner AS Owner, lease_expires_at AS ExpiresAt, cancel_requested_by AS CancelRequestedBy
          FROM runs WHERE run_id = @RunId
        """;
    public const string StatusesOf = "SELECT run_id AS RunId, status AS Status FROM runs WHERE run_id IN @Ids ";
}
