namespace Telco.InsightPortal.Data.Deployments;

/// <summary>The prediction log's SQL (migrations 0009 and 0012). Time windows are id ranges (see <see cref="PredictionIds"/>), so
/// every read walks the primary key; the created_at condition keeps the window exact for rows carried over from 0007,
/// whose created_at was taken a moment after their id.</summary>
internal static class PredictionSql
{
    public const string EnsureLayout = """
        INSERT INTO prediction_layouts (deployment_id, model_version, columns) VALUES (@DeploymentId, @ModelVersion, @Columns)
        ON CONFLICT (deployment_id, model_version, columns) DO NOTHING
        """;

    public const string LayoutId = """
        SELECT id FROM prediction_layouts WHERE deployment_id = @DeploymentId AND model_version = @ModelVersion AND columns = @Columns
        """;

    /// <summary>SQLite's hot-loop insert, its parameters bound by position (see DeploymentStore.InsertPredictions).</summary>
    public const string Insert = """
        INSERT INTO predictions (deployment_id, uuid, layout_id, created_at, latency_ms, inputs, probability, label, entity_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """;

    /// <summary>PostgreSQL takes the rows by binary COPY: one round trip per batch instead of one per row.</summary>
    public const string CopyIn = """
        COPY predictions (deployment_id, uuid, layout_id, created_at, latency_ms, inputs, probability, label, entity_id) FROM STDIN (FORMAT BINARY)
        """;

    public const string AddCounters = """
        UPDATE deployments SET requests = requests + @Requests, failed_requests = failed_requests + @Failed,
            dropped_predictions = dropped_predictions + @Dropped
        WHERE id = @DeploymentId
        """;

    public const string AddMinute = """
        INSERT INTO deployment_minutes (deployment_id, minute, requests, failed, dropped) VALUES (@DeploymentId, @Minute, @Requests, @Failed, @Dropped)
        ON CONFLICT (deployment_id, minute) DO UPDATE SET requests = deployment_minutes.requests + excluded.requests,
            failed = deployment_minutes.failed + excluded.failed, dropped = deployment_minutes.dropped + excluded.dropped
        """;

    public const string Minutes = """
        SELECT minute AS Minute, requests AS Requests, failed AS Failed, dropped AS Dropped FROM deployment_minutes
        WHERE deployment_id = @Id AND minute >= @From ORDER BY minute
        """;

    /// <summary>The newest labelled predictions one model version made for the deployment: (probability, delayed label),
    /// read from the labels' side so unlabelled rows cost nothing.</summary>
    public const string Labelled = """
        SELECT p.probability AS Score, b.label AS Label
        FROM prediction_labels b
        JOIN predictions p ON p.deployment_id = b.deployment_id AND p.uuid = b.uuid
        JOIN prediction_layouts l ON l.id = p.layout_id
        WHERE b.deployment_id = @Id AND l.model_version = @ModelVersion
        ORDER BY b.labeled_at DESC LIMIT @Limit
        """;

    public const string Exists = "SELECT COUNT(*) FROM predictions WHERE deployment_id = @Id AND uuid = @Uuid";

    /// <summary>A later label for the same prediction replaces the earlier one.</summary>
    public const string UpsertLabel = """
        INSERT INTO prediction_labels (deployment_id, uuid, label, labeled_at) VALUES (@Id, @Uuid, @Label, @Now)
        ON CONFLICT (deployment_id, uuid) DO UPDATE SET label = excluded.label, labeled_at = excluded.labeled_at
        """;

    /// <summary>Labels every prediction about one entity in [@From, @To) (migration 0012's index), replacing earlier labels.</summary>
    public const string UpsertEntityLabels = """
        INSERT INTO prediction_labels (deployment_id, uuid, label, labeled_at)
        SELECT p.deployment_id, p.uuid, @Label, @Now FROM predictions p
        WHERE p.deployment_id = @Id AND p.entity_id = @EntityId AND p.created_at >= @From AND p.created_at < @To
        ON CONFLICT (deployment_id, uuid) DO UPDATE SET label = excluded.label, labeled_at = excluded.labeled_at
        """;

    private const string Window =
        " WHERE p.deployment_id = @Id AND p.uuid >= @FromKey AND p.uuid < @ToKey AND p.created_at >= @From AND p.created_at < @To ";

    private const string Select = """
        SELECT p.uuid AS Uuid, p.deployment_id AS DeploymentId, l.model_version AS ModelVersion, l.columns AS Columns,
            p.created_at AS CreatedAt, p.latency_ms AS LatencyMs, p.inputs AS Inputs, p.probability AS Probability,
            p.label AS Label, b.label AS TrueLabel, p.entity_id AS EntityId
        FROM predictions p
        JOIN prediction_layouts l ON l.id = p.layout_id
        LEFT JOIN prediction_labels b ON b.deployment_id = p.deployment_id AND b.uuid = p.uuid
        """;

    public const string InWindow = Select + Window + "ORDER BY p.uuid DESC LIMIT @Limit";

    /// <summary>A page of the deployment's predictions since @From, newest first, older than the cursor @BeforeKey
    /// (keyset paging along the primary key: no OFFSET that would read every earlier page again).</summary>
    public const string Page = Select + """
         WHERE p.deployment_id = @Id AND p.uuid >= @FromKey AND p.uuid < @BeforeKey AND p.created_at >= @From
        ORDER BY p.uuid DESC LIMIT @Limit
        """;

    /// <summary>A page of the predictions about one entity, any time, newest first, below the cursor (@BeforeAt,
    /// @BeforeKey). Ordered by the columns of migration 0012's index, so it is read along that index: ordered by uuid,
    /// the planner would rather walk the deployment's whole log backwards along the primary key.</summary>
    public const string EntityPage = Select + """
         WHERE p.deployment_id = @Id AND p.entity_id = @EntityId AND p.created_at <= @BeforeAt
            AND (p.created_at < @BeforeAt OR p.uuid < @BeforeKey)
        ORDER BY p.created_at DESC, p.uuid DESC LIMIT @Limit
        """;

    public const string LatencyPoints =
        "SELECT p.created_at AS CreatedAt, p.latency_ms AS LatencyMs FROM predictions p" + Window + "ORDER BY p.uuid DESC LIMIT @Limit";
}
