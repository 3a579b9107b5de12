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

    /// <summary>One page of the rows in [@from, @to), in physical order or sorted by one schema column.
    /// With <paramref name="viaSortIndex"/>, SQLite is steered onto the column's index (the unary + keeps it
    /// from preferring the row-id range, which would sort the whole snapshot for every page).</summary>
    public string PageSql(DatasetColumn? sortBy, bool descending, bool viaSortIndex = false)
    {
        var columns = string.Join(", ", schema.Columns.Select(c => ColumnName(c.Ordinal)));
        var rowId = viaSortIndex && provider == StoreProvider.Sqlite ? "+_row_id" : "_row_id";
        var select = "SELECT _row_id, " + columns + " FROM " + Name + " WHERE " + rowId + " >= @from AND " + rowId + " < @to";
        if (sortBy is null) return select + " ORDER BY _row_id LIMIT @limit";
        // Nulls sort first ascending and last descending on both engines, matching the sort index in both directions.
        var direction = descending ? " DESC" : " ASC";
        var nulls = provider == StoreProvider.Postgres ? (descending ? " NULLS LAST" : " NULLS FIRST") : "";
        return select + " ORDER BY " + ColumnName(sortBy.Ordinal) + direction + nulls + ", _row_id" + direction + " LIMIT @limit OFFSET @offset";
    }

    /// <summary>The index a sorted preview of a large snapshot pages through; created on first use.</summary>
    public string SortIndexSql(DatasetColumn column)
    {
        var c = ColumnName(column.Ordinal);
        var nulls = provider == StoreProvider.Postgres ? " NULLS FIRST" : "";
        return "CREATE INDEX IF NOT EXISTS ix_" + Name + "_" + c + " ON " + Name + " (" + c + nulls + ", _row_id)";
    }

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
