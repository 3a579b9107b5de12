using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// The typed table that holds a dataset's rows. Its identifiers are derived from integers only
/// (<c>ds_{id}</c>, <c>c{ordinal}</c>), never from user text, so user column names cannot reach SQL;
/// sort columns and directions are resolved through the schema first. Values are always parameters.
/// </summary>
public sealed class RowTable(long datasetId, DatasetSchema schema, StoreProvider provider)
{
    public long DatasetId => datasetId;

    public string Name { get; } = "ds_" + datasetId.ToString(CultureInfo.InvariantCulture);

    public DatasetSchema Schema => schema;

    public static string ColumnName(int ordinal) => "c" + ordinal.ToString(CultureInfo.InvariantCulture);

    public string CreateSql()
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(Name).Append(" (_row_id ")
            .Append(provider == StoreProvider.Sqlite ? "INTEGER" : "BIGINT").Append(" PRIMARY KEY");
        foreach (var c in schema.Columns) sql.Append(", ").Append(ColumnName(c.Ordinal)).Append(' ').Append(SqlType(c.Type));
        return sql.Append(')').ToString();
    }

    public string InsertSql()
    {
        var names = string.Join(", ", schema.Columns.Select(c => ColumnName(c.Ordinal)));
        var parameters = string.Join(", ", schema.Columns.Select(c => "@p" + c.Ordinal.ToString(CultureInfo.InvariantCulture)));
        return "INSERT INTO " + Name + " (_row_id, " + names + ") VALUES (@row, " + parameters + ")";
    }

    public string CopySql() =>
        "COPY " + Name + " (_row_id, " + string.Join(", ", schema.Columns.Select(c => ColumnName(c.Ordinal))) + ") FROM STDIN (FORMAT BINARY)";

    /// <summary>Up to @limit rows from [@from, @to), in ingest order: a seek on the row id.</summary>
    public string PageSql() => SelectSql + " WHERE _row_id >= @from AND _row_id < @to ORDER BY _row_id LIMIT @limit";

    /// <summary>Every (row id, value) pair of one column in [@from, @to): what a sort order is built from.</summary>
    public string SortKeysSql(DatasetColumn column) =>
        "SELECT _row_id, " + ColumnName(column.Ordinal) + " FROM " + Name + " WHERE _row_id >= @from AND _row_id < @to ORDER BY _row_id";

    /// <summary>The rows whose ids are @r0 … @r{count - 1}, in no particular order.</summary>
    public string RowsByIdSql(int count) =>
        SelectSql + " WHERE _row_id IN (" + string.Join(", ", Enumerable.Range(0, count).Select(RowIdParameter)) + ")";

    public static string RowIdParameter(int i) => "@r" + i.ToString(CultureInfo.InvariantCulture);

    private string SelectSql => "SELECT _row_id, " + string.Join(", ", schema.Columns.Select(c => ColumnName(c.Ordinal))) + " FROM " + Name;

    public string SqlType(ColumnType type) => (type, provider) switch
    {
        (ColumnType.Integer, StoreProvider.Sqlite) => "INTEGER",
        (ColumnType.Integer, _) => "BIGINT",
        (ColumnType.Real, StoreProvider.Sqlite) => "REAL",
        (ColumnType.Real, _) => "DOUBLE PRECISION",
        (ColumnType.Timestamp, StoreProvider.Postgres) => "TIMESTAMPTZ",
        _ => "TEXT",
    };
}
