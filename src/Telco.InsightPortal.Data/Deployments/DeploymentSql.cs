namespace Telco.InsightPortal.Data.Deployments;

internal static class DeploymentSql
{
    /// <summary>Columns of <c>deployments d</c>.</summary>
    internal const string DeploymentColumns = """
        d.id AS Id, d.name AS Name, d.engines_per_process AS EnginesPerProcess, d.status AS Status, d.generation AS Generation,
        d.revision AS Revision, d.created_by AS CreatedBy, d.created_at AS CreatedAt, d.updated_at AS UpdatedAt, d.requests AS Requests,
        d.failed_requests AS FailedRequests, d.dropped_predictions AS DroppedPredictions
        """;

    public const string Insert = """
        INSERT INTO deployments (name, engines_per_process, status, generation, revision, created_by, created_at, updated_at)
        VALUES (@Name, @EnginesPerProcess, 'active', 1, 1, @CreatedBy, @Now, @Now)
        RETURNING id
        """;

    public const string GetByName = "SELECT " + DeploymentColumns + " FROM deployments d WHERE d.name = @Name";

    public const string List = "SELECT " + DeploymentColumns + " FROM deployments d ORDER BY d.name";

    public const string Revisions = "SELECT name AS Name, revision AS Revision FROM deployments";

    /// <summary>Moves a deployment to a new generation; the caller inserts that generation's targets.</summary>
    public const string Advance = """
        UPDATE deployments SET generation = @Generation, revision = revision + 1, updated_at = @Now
        WHERE id = @Id AND generation = @Expected
        """;

    public const string MaxGeneration = "SELECT COALESCE(MAX(generation), 0) FROM deployment_targets WHERE deployment_id = @Id";

    public const string InsertTarget = """
        INSERT INTO deployment_targets (deployment_id, generation, model, version, run_id, model_path, sha256, snapshot_id, weight, created_at, threshold)
        VALUES (@DeploymentId, @Generation, @Model, @Version, @RunId, @ModelPath, @Sha256, @SnapshotId, @Weight, @Now, 
        """ + Registry.DecisionSql.ThresholdOf + ")";

    /// <summary>Columns of <c>deployment_targets t</c>.</summary>
    internal const string TargetColumns = """
        t.deployment_id AS DeploymentId, t.generation AS Generation, t.model AS Model, t.version AS Version, t.run_id AS RunId,
        t.model_path AS ModelPath, t.sha256 AS Sha256, t.snapshot_id AS SnapshotId, t.weight AS Weight, t.threshold AS Threshold
        """;

    public const string Targets = "SELECT " + TargetColumns + " FROM deployment_targets t WHERE t.deployment_id = @Id AND t.generation = @Generation ORDER BY t.id";

    /// <summary>The newest earlier generation: what a rollback returns to.</summary>
    public const string PreviousGeneration = """
        SELECT MAX(generation) FROM deployment_targets WHERE deployment_id = @Id AND generation < @Generation
        """;

    public const string InsertKey = """
        INSERT INTO deployment_keys (deployment_id, name, key_hash, prefix, created_by, created_at)
        VALUES (@DeploymentId, @Name, @KeyHash, @Prefix, @CreatedBy, @Now)
        RETURNING id
        """;

    private const string KeyColumns = """
        k.id AS Id, k.deployment_id AS DeploymentId, d.name AS Deployment, k.name AS Name, k.prefix AS Prefix,
        k.created_by AS CreatedBy, k.created_at AS CreatedAt, k.revoked_at AS RevokedAt
        """;

    public const string KeyByHash = "SELECT " + KeyColumns + " FROM deployment_keys k JOIN deployments d ON d.id = k.deployment_id WHERE k.key_hash = @KeyHash";

    public const string KeysOf = "SELECT " + KeyColumns + " FROM deployment_keys k JOIN deployments d ON d.id = k.deployment_id WHERE k.deployment_id = @Id ORDER BY k.id";

    public const string RevokeKey = "UPDATE deployment_keys SET revoked_at = @Now WHERE id = @KeyId AND deployment_id = @Id AND revoked_at IS NULL";

    public const string PortalKey = """
        SELECT p.key_id AS KeyId, p.protected_key AS ProtectedKey, k.revoked_at AS RevokedAt
        FROM deployment_portal_keys p JOIN deployment_keys k ON k.id = p.key_id
        WHERE p.deployment_id = @Id
        """;

    public const string PortalKeyId = "SELECT key_id FROM deployment_portal_keys WHERE deployment_id = @Id";

    /// <summary>A write that changes nothing but takes the deployment row's lock until the transaction ends.</summary>
    public const string LockDeployment = "UPDATE deployments SET updated_at = updated_at WHERE id = @Id";

    public const string UpsertPortalKey = """
        INSERT INTO deployment_portal_keys (deployment_id, key_id, protected_key) VALUES (@Id, @KeyId, @ProtectedKey)
        ON CONFLICT (deployment_id) DO UPDATE SET key_id = excluded.key_id, protected_key = excluded.protected_key
        """;

    /// <summary>Stop, start and scale: one row change, only from the revision the caller read, so that of two
    /// concurrent changes one wins and the other is told to try again.</summary>
    public const string SetLifecycle = """
        UPDATE deployments SET status = @Status, engines_per_process = @EnginesPerProcess, revision = revision + 1, updated_at = @Now
        WHERE id = @Id AND revision = @Revision
        """;
}
