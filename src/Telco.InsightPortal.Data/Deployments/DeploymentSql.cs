namespace Telco.InsightPortal.Data.Deployments;

internal static class DeploymentSql
{
    private const string DeploymentColumns = """
        id AS Id, name AS Name, replicas AS Replicas, status AS Status, generation AS Generation, revision AS Revision,
        created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt, requests AS Requests,
        failed_requests AS FailedRequests, dropped_predictions AS DroppedPredictions
        """;

    public const string Insert = """
        INSERT INTO deployments (name, replicas, status, generation, revision, created_by, created_at, updated_at)
        VALUES (@Name, @Replicas, 'active', 1, 1, @CreatedBy, @Now, @Now)
        RETURNING id
        """;

    public const string GetByName = "SELECT " + DeploymentColumns + " FROM deployments WHERE name = @Name";

    public const string List = "SELECT " + DeploymentColumns + " FROM deployments ORDER BY name";

    public const string Revisions = "SELECT name AS Name, revision AS Revision FROM deployments";

    /// <summary>Moves a deployment to a new generation; the caller inserts that generation's targets.</summary>
    public const string Advance = """
        UPDATE deployments SET generation = @Generation, revision = revision + 1, updated_at = @Now
        WHERE id = @Id AND generation = @Expected
        """;

    public const string MaxGeneration = "SELECT COALESCE(MAX(generation), 0) FROM deployment_targets WHERE deployment_id = @Id";

    public const string InsertTarget = """
        INSERT INTO deployment_targets (deployment_id, generation, model, version, run_id, model_path, sha256, snapshot_id, weight, created_at)
        VALUES (@DeploymentId, @Generation, @Model, @Version, @RunId, @ModelPath, @Sha256, @SnapshotId, @Weight, @Now)
        """;

    private const string TargetColumns = """
        deployment_id AS DeploymentId, generation AS Generation, model AS Model, version AS Version, run_id AS RunId,
        model_path AS ModelPath, sha256 AS Sha256, snapshot_id AS SnapshotId, weight AS Weight
        """;

    public const string Targets = "SELECT " + TargetColumns + " FROM deployment_targets WHERE deployment_id = @Id AND generation = @Generation ORDER BY id";

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

    public const string UpsertPortalKey = """
        INSERT INTO deployment_portal_keys (deployment_id, key_id, protected_key) VALUES (@Id, @KeyId, @ProtectedKey)
        ON CONFLICT (deployment_id) DO UPDATE SET key_id = excluded.key_id, protected_key = excluded.protected_key
        """;

    /// <summary>Stop, start and scale: one row change, only from the revision the caller read, so that of two
    /// concurrent changes one wins and the other is told to try again.</summary>
    public const string SetLifecycle = """
        UPDATE deployments SET status = @Status, replicas = @Replicas, revision = revision + 1, updated_at = @Now
        WHERE id = @Id AND revision = @Revision
        """;
}
