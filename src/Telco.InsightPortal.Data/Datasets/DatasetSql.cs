namespace Telco.InsightPortal.Data.Datasets;

/// <summary>Dataset and snapshot SQL, the same text on SQLite and PostgreSQL.</summary>
internal static class DatasetSql
{
    private const string DatasetColumns = """
        d.id AS Id, d.name AS Name, d.description AS Description, d.generator AS Generator,
        d.created_at AS CreatedAt, d.created_by AS CreatedBy, d.current_snapshot_id AS CurrentSnapshotId,
        d.next_row_id AS NextRowId, d.total_rows AS TotalRows
        """;

    public const string ListDatasets = "SELECT " + DatasetColumns + " FROM datasets d ORDER BY d.name";

    public const string GetDatasetByName = "SELECT " + DatasetColumns + " FROM datasets d WHERE d.name = @Name";

    public const string LockDatasetByName = GetDatasetByName + " FOR UPDATE";

    public const string ListColumns = """
        SELECT dataset_id AS DatasetId, ordinal AS Ordinal, name AS Name, type AS Type, role AS Role,
               nullable AS Nullable, pii AS Pii
        FROM dataset_columns WHERE dataset_id = @DatasetId ORDER BY ordinal
        """;

    public const string ListAllColumns = """
        SELECT dataset_id AS DatasetId, ordinal AS Ordinal, name AS Name, type AS Type, role AS Role,
               nullable AS Nullable, pii AS Pii
        FROM dataset_columns ORDER BY dataset_id, ordinal
        """;

    public const string InsertDataset = """
        INSERT INTO datasets (name, description, generator, created_at, created_by, next_row_id, total_rows)
        VALUES (@Name, @Description, @Generator, @CreatedAt, @CreatedBy, 1, 0)
        RETURNING id
        """;

    public const string InsertColumn = """
        INSERT INTO dataset_columns (dataset_id, ordinal, name, type, role, nullable, pii)
        VALUES (@DatasetId, @Ordinal, @Name, @Type, @Role, @Nullable, @Pii)
        """;

    public const string GetNextRowId = "SELECT next_row_id FROM datasets WHERE id = @Id";

    public const string UpdateDatasetHead = """
        UPDATE datasets SET current_snapshot_id = @SnapshotId, next_row_id = @NextRowId, total_rows = @TotalRows
        WHERE id = @DatasetId
        """;

    private const string SnapshotColumns = """
        s.id AS Id, s.dataset_id AS DatasetId, s.parent_id AS ParentId, s.committed_at AS CommittedAt,
        s.committed_by AS CommittedBy, s.operation AS Operation, s.rows_added AS RowsAdded,
        s.rows_skipped AS RowsSkipped, s.total_rows AS TotalRows, s.row_start AS RowStart, s.row_end AS RowEnd,
        s.content_hash AS ContentHash, s.source AS Source
        """;

    public const string ListSnapshots = "SELECT " + SnapshotColumns + " FROM snapshots s WHERE s.dataset_id = @DatasetId ORDER BY s.id DESC";

    public const string GetSnapshot = "SELECT " + SnapshotColumns + " FROM snapshots s WHERE s.dataset_id = @DatasetId AND s.id = @SnapshotId";

    public const string FindSnapshotByHash = "SELECT " + SnapshotColumns + " FROM snapshots s WHERE s.dataset_id = @DatasetId AND s.content_hash = @ContentHash ORDER BY s.id LIMIT 1";

    public const string InsertSnapshot = """
        INSERT INTO snapshots (dataset_id, parent_id, committed_at, committed_by, operation, rows_added, rows_skipped,
                               total_rows, row_start, row_end, content_hash, source)
        VALUES (@DatasetId, @ParentId, @CommittedAt, @CommittedBy, @Operation, @RowsAdded, @RowsSkipped,
                @TotalRows, @RowStart, @RowEnd, @ContentHash, @Source)
        RETURNING id
        """;
}
