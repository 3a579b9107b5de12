namespace Telco.InsightPortal.Data.Apps;

internal static class AppBindingSql
{
    private const string Select = """
        SELECT b.app_id AS AppId, d.name AS Deployment, b.bound_by AS BoundBy, b.bound_at AS BoundAt
        FROM app_bindings b JOIN deployments d ON d.id = b.deployment_id
        """;

    public const string List = Select + " ORDER BY b.app_id";

    public const string Get = Select + " WHERE b.app_id = @AppId";

    public const string DeploymentId = "SELECT id FROM deployments WHERE name = @Deployment";

    // Standard SQL both engines accept: a rebinding replaces the row in place.
    public const string Upsert = """
        INSERT INTO app_bindings (app_id, deployment_id, bound_by, bound_at) VALUES (@AppId, @DeploymentId, @BoundBy, @Now)
        ON CONFLICT (app_id) DO UPDATE SET deployment_id = excluded.deployment_id, bound_by = excluded.bound_by, bound_at = excluded.bound_at
        """;

    public const string Delete = "DELETE FROM app_bindings WHERE app_id = @AppId";
}
