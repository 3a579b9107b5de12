namespace Telco.InsightPortal.Data.Tracking;

internal static class TrackingSql
{
    private const string ExperimentColumns = """
        experiment_id AS ExperimentId, name AS Name, artifact_location AS ArtifactLocation,
        lifecycle_stage AS LifecycleStage, creation_time AS CreationTime, last_update_time AS LastUpdateTime
        """;

    public const string RunColumns = """
        r.run_id AS RunId, r.experiment_id AS ExperimentId, r.run_name AS RunName, r.user_id AS UserId, r.status AS Status,
        r.start_time AS StartTime, r.end_time AS EndTime, r.lifecycle_stage AS LifecycleStage, r.artifact_uri AS ArtifactUri
        """;

    public const string InsertExperiment = """
        INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
        VALUES (@Name, '', 'active', @Now, @Now)
        RETURNING experiment_id
        """;
    public const string SetArtifactLocation = "UPDATE experiments SET artifact_location = @ArtifactLocation WHERE experiment_id = @Id";
    public const string GetExperiment = "SELECT " + ExperimentColumns + " FROM experiments WHERE experiment_id = @Id";
    public const string GetExperimentByName = "SELECT " + ExperimentColumns + " FROM experiments WHERE name = @Name";
    public const string SearchExperiments = "SELECT " + ExperimentColumns + """
         FROM experiments
        WHERE (@View = 2 OR lifecycle_stage = CASE WHEN @View = 1 THEN 'deleted' ELSE 'active' END)
        ORDER BY experiment_id
        LIMIT @Limit OFFSET @Offset
        """;
    public const string RenameExperiment = "UPDATE experiments SET name = @Name, last_update_time = @Now WHERE experiment_id = @Id";
    public const string SetExperimentStage = "UPDATE experiments SET lifecycle_stage = @Stage, last_update_time = @Now WHERE experiment_id = @Id";
    public const string SetExperimentRunsStage = "UPDATE runs SET lifecycle_stage = @Stage WHERE experiment_id = @Id";
    public const string ExperimentTags = "SELECT key AS Key, value AS Value FROM experiment_tags WHERE experiment_id = @Id ORDER BY key";
    public const string ExperimentTagsOf = "SELECT experiment_id AS Id, key AS Key, value AS Value FROM experiment_tags WHERE experiment_id IN @Ids ORDER BY key";
    public const string UpsertExperimentTag = """
        INSERT INTO experiment_tags (experiment_id, key, value) VALUES (@Id, @Key, @Value)
        ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value
        """;

    public const string InsertRun = """
        INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)
        VALUES (@RunId, @ExperimentId, @RunName, @UserId, @Status, @StartTime, @EndTime, @LifecycleStage, @ArtifactUri)
        """;
    public const string GetRun = "SELECT " + RunColumns + " FROM runs r WHERE r.run_id = @RunId";
    public const string UpdateRun = "UPDATE runs SET status = @Status, end_time = @EndTime, run_name = @RunName WHERE run_id = @RunId";
    public const string SetRunStage = "UPDATE runs SET lifecycle_stage = @Stage WHERE run_id = @RunId";

    public const string InsertParam = """
        INSERT INTO run_params (run_id, key, value) VALUES (@RunId, @Key, @Value)
        ON CONFLICT (run_id, key) DO NOTHING
        """;
    public const string GetParam = "SELECT value FROM run_params WHERE run_id = @RunId AND key = @Key";
    public const string UpsertTag = """
        INSERT INTO run_tags (run_id, key, value) VALUES (@RunId, @Key, @Value)
        ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value
        """;
    public const string DeleteTag = "DELETE FROM run_tags WHERE run_id = @RunId AND key = @Key";
    public const string InsertMetric = """
        INSERT INTO run_metrics (run_id, key, value, timestamp, step) VALUES (@RunId, @Key, @Value, @Timestamp, @Step)
        """;
    // MLflow's latest value is the one with the greatest (step, timestamp, value), whatever the order of logging.
    public const string UpsertLatestMetric = """
        INSERT INTO run_latest_metrics (run_id, key, value, timestamp, step) VALUES (@RunId, @Key, @Value, @Timestamp, @Step)
        ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step
        WHERE (excluded.step, excluded.timestamp, excluded.value)
            > (run_latest_metrics.step, run_latest_metrics.timestamp, run_latest_metrics.value)
        """;
    public const string MetricHistory = """
        SELECT key AS Key, value AS Value, timestamp AS Timestamp, step AS Step
          FROM run_metrics WHERE run_id = @RunId AND key = @Key
         ORDER BY step, timestamp, id
         LIMIT @Limit OFFSET @Offset
        """;

    public const string ParamsOf = "SELECT run_id AS RunId, key AS Key, value AS Value FROM run_params WHERE run_id IN @Ids ORDER BY key";
    public const string TagsOf = "SELECT run_id AS RunId, key AS Key, value AS Value FROM run_tags WHERE run_id IN @Ids ORDER BY key";
    public const string LatestMetricsOf = """
        SELECT run_id AS RunId, key AS Key, value AS Value, timestamp AS Timestamp, step AS Step
          FROM run_latest_metrics WHERE run_id IN @Ids ORDER BY key
        """;

    public const string InsertDataset = """
        INSERT INTO run_datasets (experiment_id, name, digest, source_type, source, schema, profile)
        VALUES (@ExperimentId, @Name, @Digest, @SourceType, @Source, @Schema, @Profile)
        ON CONFLICT (experiment_id, name, digest) DO NOTHING
        """;
    public const string GetDatasetId = "SELECT dataset_id FROM run_datasets WHERE experiment_id = @ExperimentId AND name = @Name AND digest = @Digest";
    public const string InsertInput = "INSERT INTO run_inputs (run_id, dataset_id) VALUES (@RunId, @DatasetId) ON CONFLICT (run_id, dataset_id) DO NOTHING";
    public const string UpsertInputTag = """
        INSERT INTO run_input_tags (run_id, dataset_id, key, value) VALUES (@RunId, @DatasetId, @Key, @Value)
        ON CONFLICT (run_id, dataset_id, key) DO UPDATE SET value = excluded.value
        """;
    public const string InputsOf = """
        SELECT i.run_id AS RunId, d.dataset_id AS DatasetId, d.name AS Name, d.digest AS Digest, d.source_type AS SourceType,
               d.source AS Source, d.schema AS Schema, d.profile AS Profile
          FROM run_inputs i JOIN run_datasets d ON d.dataset_id = i.dataset_id
         WHERE i.run_id IN @Ids ORDER BY d.name, d.digest
        """;
    public const string InputTagsOf = "SELECT run_id AS RunId, dataset_id AS DatasetId, key AS Key, value AS Value FROM run_input_tags WHERE run_id IN @Ids ORDER BY key";
    public const string ExistingRunIds = "SELECT run_id FROM runs WHERE run_id IN @Ids ";
}
