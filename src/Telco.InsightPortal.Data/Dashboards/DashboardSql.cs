namespace Telco.InsightPortal.Data.Dashboards;

internal static class DashboardSql
{
    private const string Columns = """
        id AS Id, name AS Name, owner AS Owner, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt, updated_by AS UpdatedBy
        """;

    /// <summary>Without the bodies: a list never needs the documents.</summary>
    public const string List = "SELECT " + Columns + " FROM dashboards ORDER BY name, id";

    public const string Get = "SELECT " + Columns + ", body AS Body FROM dashboards WHERE id = @Id";

    public const string Shares = """
        SELECT dashboard_id AS DashboardId, kind AS Kind, principal AS Principal, access AS Access
        FROM dashboard_shares ORDER BY dashboard_id, kind, principal
        """;

    public const string SharesOf = """
        SELECT dashboard_id AS DashboardId, kind AS Kind, principal AS Principal, access AS Access
        FROM dashboard_shares WHERE dashboard_id = @Id ORDER BY kind, principal
        """;

    public const string Insert = """
        INSERT INTO dashboards (name, owner, version, body, created_at, updated_at, updated_by)
        VALUES (@Name, @Owner, 1, @Body, @Now, @Now, @Owner)
        RETURNING id
        """;

    /// <summary>Moves the dashboard to the next version only from the version the editor saw (0 rows: someone saved first).</summary>
    public const string Update = """
        UPDATE dashboards SET name = @Name, body = @Body, version = version + 1, updated_at = @Now, updated_by = @By
        WHERE id = @Id AND version = @BaseVersion
        """;

    public const string InsertVersion = """
        INSERT INTO dashboard_versions (dashboard_id, version, name, body, saved_at, saved_by, note)
        VALUES (@Id, @Version, @Name, @Body, @Now, @By, @Note)
        """;

    public const string Versions = """
        SELECT version AS Version, name AS Name, saved_by AS SavedBy, saved_at AS SavedAt, note AS Note
        FROM dashboard_versions WHERE dashboard_id = @Id ORDER BY version DESC
        """;

    public const string VersionDocument = "SELECT name AS Name, body AS Body FROM dashboard_versions WHERE dashboard_id = @Id AND version = @Version";

    public const string InsertShare = "INSERT INTO dashboard_shares (dashboard_id, kind, principal, access) VALUES (@Id, @Kind, @Principal, @Access)";

    public const string DeleteShares = "DELETE FROM dashboard_shares WHERE dashboard_id = @Id";
    public const string DeleteVersions = "DELETE FROM dashboard_versions WHERE dashboard_id = @Id";
    public const string Delete = "DELETE FROM dashboards WHERE id = @Id";
}
