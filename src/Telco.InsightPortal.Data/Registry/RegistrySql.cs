namespace Telco.InsightPortal.Data.Registry;

internal static class RegistrySql
{
    public const string ModelColumns = """
        m.model_id AS ModelId, m.name AS Name, m.description AS Description, m.created_by AS CreatedBy,
        m.creation_time AS CreationTime, m.last_updated_time AS LastUpdatedTime
        """;

    public const string VersionColumns = """
        v.model_id AS ModelId, m.name AS Name, v.version AS Version, v.source AS Source, v.run_id AS RunId, v.model_path AS ModelPath,
        v.model_sha256 AS ModelSha256, v.dataset AS Dataset, v.snapshot_id AS SnapshotId, v.current_stage AS CurrentStage,
        v.description AS Description, v.status AS Status, v.created_by AS CreatedBy, v.creation_time AS CreationTime,
        v.last_updated_time AS LastUpdatedTime
        """;

    private const string ApprovalColumns = """
        a.approval_id AS ApprovalId, m.name AS Name, a.version AS Version, a.target_kind AS TargetKind, a.target AS Target,
        a.archive_existing AS ArchiveExisting, a.requested_by AS RequestedBy, a.requested_at AS RequestedAt,
        a.request_comment AS RequestComment, a.status AS Status, a.decided_by AS DecidedBy, a.decided_at AS DecidedAt,
        a.decision_comment AS DecisionComment
        """;

    public const string InsertModel = """
        INSERT INTO registered_models (name, description, created_by, creation_time, last_updated_time, next_version)
        VALUES (@Name, @Description, @CreatedBy, @Now, @Now, 1)
        RETURNING model_id
        """;
    public const string GetModelByName = "SELECT " + ModelColumns + " FROM registered_models m WHERE m.name = @Name";
    public const string UpdateModelDescription = "UPDATE registered_models SET description = @Description, last_updated_time = @Now WHERE model_id = @ModelId";
    public const string RenameModel = "UPDATE registered_models SET name = @NewName, last_updated_time = @Now WHERE model_id = @ModelId";
    public const string TouchModel = "UPDATE registered_models SET last_updated_time = @Now WHERE model_id = @ModelId";
    public const string TakeVersionNumber = """
        UPDATE registered_models SET next_version = next_version + 1, last_updated_time = @Now WHERE model_id = @ModelId
        RETURNING next_version - 1
        """;
    public const string DeleteModel = "DELETE FROM registered_models WHERE model_id = @ModelId";
    public const string DeleteModelTags = "DELETE FROM registered_model_tags WHERE model_id = @ModelId";
    public const string DeleteModelVersionTags = "DELETE FROM model_version_tags WHERE model_id = @ModelId";
    public const string DeleteModelAliases = "DELETE FROM model_aliases WHERE model_id = @ModelId";
    public const string DeleteModelDecisions = "DELETE FROM model_decisions WHERE model_id = @ModelId";
    public const string DeleteModelApprovals = "DELETE FROM model_approvals WHERE model_id = @ModelId";
    public const string DeleteModelVersions = "DELETE FROM model_versions WHERE model_id = @ModelId";

    public const string ModelTagsOf = "SELECT model_id AS Id, key AS Key, value AS Value FROM registered_model_tags WHERE model_id IN @Ids ORDER BY key";
    public const string UpsertModelTag = """
        INSERT INTO registered_model_tags (model_id, key, value) VALUES (@ModelId, @Key, @Value)
        ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value
        """;
    public const string DeleteModelTag = "DELETE FROM registered_model_tags WHERE model_id = @ModelId AND key = @Key";

    public const string AliasesOf = "SELECT model_id AS Id, alias AS Alias, version AS Version FROM model_aliases WHERE model_id IN @Ids ORDER BY alias";
    public const string GetAlias = "SELECT version FROM model_aliases WHERE model_id = @ModelId AND alias = @Alias";
    public const string UpsertAlias = """
        INSERT INTO model_aliases (model_id, alias, version) VALUES (@ModelId, @Alias, @Version)
        ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version
        """;
    public const string DeleteAlias = "DELETE FROM model_aliases WHERE model_id = @ModelId AND alias = @Alias";

    public const string GetRunForVersion = """
        SELECT r.run_id AS RunId, r.status AS Status, r.lifecycle_stage AS LifecycleStage FROM runs r WHERE r.run_id = @RunId
        """;
    public const string RunArtifactUri = "SELECT artifact_uri FROM runs WHERE run_id = @RunId";
    public const string RunTags = "SELECT key AS Key, value AS Value FROM run_tags WHERE run_id = @RunId";

    public const string InsertVersion = """
        INSERT INTO model_versions (model_id, version, source, run_id, model_path, model_sha256, dataset, snapshot_id, current_stage,
                                    description, status, created_by, creation_time, last_updated_time)
        VALUES (@ModelId, @Version, @Source, @RunId, @ModelPath, @ModelSha256, @Dataset, @SnapshotId, 'None',
                @Description, 'READY', @CreatedBy, @Now, @Now)
        """;
    public const string VersionsFrom = " FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id ";
    public const string GetVersion = "SELECT " + VersionColumns + VersionsFrom + "WHERE m.name = @Name AND v.version = @Version";
    public const string VersionsOfModel = "SELECT " + VersionColumns + VersionsFrom + "WHERE v.model_id IN @Ids ORDER BY v.version DESC";
    public const string UpdateVersionDescription = """
        UPDATE model_versions SET description = @Description, last_updated_time = @Now WHERE model_id = @ModelId AND version = @Version
        """;
    public const string SetVersionStage = """
        UPDATE model_versions SET current_stage = @Stage, last_updated_time = @Now WHERE model_id = @ModelId AND version = @Version
        """;
    public const string VersionsInStage = """
        SELECT version FROM model_versions WHERE model_id = @ModelId AND current_stage = @Stage AND version <> @Version ORDER BY version
        """;
    public const string DeleteVersion = "DELETE FROM model_versions WHERE model_id = @ModelId AND version = @Version";
    public const string DeleteVersionTags = "DELETE FROM model_version_tags WHERE model_id = @ModelId AND version = @Version";
    public const string DeleteVersionAliases = "DELETE FROM model_aliases WHERE model_id = @ModelId AND version = @Version";
    public const string DeleteVersionDecision = DecisionSql.Delete;
    public const string DeleteVersionApprovals = "DELETE FROM model_approvals WHERE model_id = @ModelId AND version = @Version";
    public const string VersionTagsOf = """
        SELECT model_id AS ModelId, version AS Version, key AS Key, value AS Value FROM model_version_tags WHERE model_id IN @Ids ORDER BY key
        """;
    public const string UpsertVersionTag = """
        INSERT INTO model_version_tags (model_id, version, key, value) VALUES (@ModelId, @Version, @Key, @Value)
        ON CONFLICT (model_id, version, key) DO UPDATE SET value = excluded.value
        """;
    public const string DeleteVersionTag = "DELETE FROM model_version_tags WHERE model_id = @ModelId AND version = @Version AND key = @Key";

    public const string ApprovalsFrom = " FROM model_approvals a JOIN registered_models m ON m.model_id = a.model_id ";
    public const string InsertApproval = """
        INSERT INTO model_approvals (model_id, version, target_kind, target, archive_existing, requested_by, requested_at, request_comment, status)
        VALUES (@ModelId, @Version, @TargetKind, @Target, @ArchiveExisting, @RequestedBy, @Now, @Comment, 'pending')
        RETURNING approval_id
        """;
    public const string GetApproval = "SELECT " + ApprovalColumns + ApprovalsFrom + "WHERE a.approval_id = @Id";
    public const string PendingApprovalFor = "SELECT " + ApprovalColumns + ApprovalsFrom + """
        WHERE a.model_id = @ModelId AND a.version = @Version AND a.target_kind = @TargetKind AND a.target = @Target AND a.status = 'pending'
        """;
    public const string ApprovalsOfModel = "SELECT " + ApprovalColumns + ApprovalsFrom + """
        WHERE m.name = @Name AND (@PendingOnly = 0 OR a.status = 'pending') ORDER BY a.approval_id DESC
        """;
    public const string DecideApproval = """
        UPDATE model_approvals SET status = @Status, decided_by = @DecidedBy, decided_at = @Now, decision_comment = @Comment
        WHERE approval_id = @Id AND status = 'pending'
        """;
}
