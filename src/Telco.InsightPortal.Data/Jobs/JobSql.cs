namespace Telco.InsightPortal.Data.Jobs;

internal static class JobSql
{
    private const string JobColumns = """
        id AS Id, name AS Name, kind AS Kind, body AS Body, schedule AS Schedule, enabled AS Enabled, version AS Version,
        created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt, updated_by AS UpdatedBy
        """;

    private const string RunColumns = """
        id AS Id, job_name AS JobName, job_version AS JobVersion, definition AS Definition, status AS Status, cause AS Trigger,
        requested_by AS RequestedBy, attempt AS Attempt, retry_of AS RetryOf, upstream_run AS UpstreamRun, queued_at AS QueuedAt,
        not_before AS NotBefore, started_at AS StartedAt, finished_at AS FinishedAt, heartbeat_at AS HeartbeatAt, node AS Node,
        cancel_requested AS CancelRequested, error AS Error
        """;

    private const string StepColumns = """
        run_id AS RunId, idx AS Idx, name AS Name, kind AS Kind, status AS Status, started_at AS StartedAt,
        finished_at AS FinishedAt, outputs AS Outputs, error AS Error, log AS Log
        """;

    public const string SchedulerName = "SELECT name FROM scheduler_identity";

    public const string List = "SELECT " + JobColumns + " FROM jobs ORDER BY name";

    public const string Get = "SELECT " + JobColumns + " FROM jobs WHERE name = @Name";

    public const string Insert = """
        INSERT INTO jobs (name, kind, body, schedule, enabled, version, created_at, created_by, updated_at, updated_by)
        VALUES (@Name, @Kind, @Body, @Schedule, @Enabled, 1, @Now, @By, @Now, @By)
        """;

    /// <summary>Only from the version the editor saw (0 rows: someone saved first, or the job is gone).</summary>
    public const string Update = """
        UPDATE jobs SET kind = @Kind, body = @Body, schedule = @Schedule, enabled = @Enabled, version = version + 1,
            updated_at = @Now, updated_by = @By
        WHERE name = @Name AND version = @BaseVersion
        """;

    public const string Delete = "DELETE FROM jobs WHERE name = @Name";

    /// <summary>Each job's newest run, in one read for the list.</summary>
    public const string LastRuns = "SELECT " + RunColumns + " FROM job_runs WHERE id IN (SELECT MAX(id) FROM job_runs GROUP BY job_name)";

    public const string InsertRun = """
        INSERT INTO job_runs (job_name, job_version, definition, status, cause, requested_by, attempt, retry_of, upstream_run,
            queued_at, not_before, cancel_requested)
        VALUES (@JobName, @JobVersion, @Definition, 'queued', @Trigger, @RequestedBy, @Attempt, @RetryOf, @UpstreamRun, @Now, @NotBefore, 0)
        RETURNING id
        """;

    public const string InsertStep = """
        INSERT INTO job_run_steps (run_id, idx, name, kind, status, outputs, log) VALUES (@RunId, @Idx, @Name, @Kind, @Status, @Outputs, @Log)
        """;

    public const string Run = "SELECT " + RunColumns + " FROM job_runs WHERE id = @Id";

    public const string Steps = "SELECT " + StepColumns + " FROM job_run_steps WHERE run_id = @Id ORDER BY idx";

    /// <summary>Newest first; <c>@Before</c> pages back (the last id of the previous page).</summary>
    public const string Runs = "SELECT " + RunColumns + " FROM job_runs WHERE job_name = @Name AND id < @Before ORDER BY id DESC LIMIT @Limit";

    public const string RecentRuns = "SELECT " + RunColumns + " FROM job_runs WHERE id < @Before ORDER BY id DESC LIMIT @Limit";

    /// <summary>The claim: only one instance moves a queued run to running.</summary>
    public const string Claim = """
        UPDATE job_runs SET status = 'running', node = @Node, started_at = @Now, heartbeat_at = @Now
        WHERE id = @Id AND status = 'queued' AND cancel_requested = 0
        """;

    public const string Heartbeat = "UPDATE job_runs SET heartbeat_at = @Now WHERE id = @Id AND status = 'running' AND node = @Node";

    public const string CancelRequested = "SELECT cancel_requested FROM job_runs WHERE id = @Id";

    public const string StartStep = "UPDATE job_run_steps SET status = 'running', started_at = @Now WHERE run_id = @Id AND idx = @Idx";

    public const string WriteLog = "UPDATE job_run_steps SET log = @Log WHERE run_id = @Id AND idx = @Idx";

    public const string FinishStep = """
        UPDATE job_run_steps SET status = @Status, finished_at = @Now, outputs = @Outputs, error = @Error, log = @Log
        WHERE run_id = @Id AND idx = @Idx
        """;

    public const string FinishRun = """
        UPDATE job_runs SET status = @Status, finished_at = @Now, error = @Error WHERE id = @Id AND status = 'running'
        """;

    public const string Interrupt = """
        UPDATE job_runs SET status = 'interrupted', finished_at = @Now, error = @Error WHERE id = @Id AND status = 'running'
        """;

    /// <summary>Steps that were running or waiting when their run ended without reaching them.</summary>
    public const string CloseSteps = """
        UPDATE job_run_steps SET status = CASE WHEN status = 'running' THEN @Running ELSE 'skipped' END, finished_at = @Now
        WHERE run_id = @Id AND status IN ('queued', 'running')
        """;

    public const string CancelQueued = """
        UPDATE job_runs SET status = 'cancelled', finished_at = @Now, error = @Error WHERE id = @Id AND status = 'queued'
        """;

    public const string RequestCancel = "UPDATE job_runs SET cancel_requested = 1 WHERE id = @Id AND status = 'running'";

    public const string HasRetry = "SELECT COUNT(*) FROM job_runs WHERE retry_of = @Id";

    /// <summary>Runs whose instance stopped beating: their process is gone.</summary>
    public const string Stale = "SELECT " + RunColumns + " FROM job_runs WHERE status = 'running' AND heartbeat_at < @Before ORDER BY id";

    /// <summary>Queued runs that are due: the scheduler should have a trigger for each.</summary>
    public const string Due = "SELECT " + RunColumns + " FROM job_runs WHERE status = 'queued' AND not_before <= @Now ORDER BY id";

    public const string CancelQueuedOfJob = """
        UPDATE job_runs SET status = 'cancelled', finished_at = @Now, error = @Error WHERE job_name = @Name AND status = 'queued'
        """;
}
