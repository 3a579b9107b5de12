using Dapper;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>What a write by a deployment page would leave in the store: keys, portal keys, audit entries, logged
/// predictions, per-minute counters and the deployments' request counts.</summary>
public sealed record StoreCounts(long Keys, long PortalKeys, long AuditEntries, long Predictions, long Minutes, long Requests)
{
    private const string Sql = """
        SELECT (SELECT COUNT(*) FROM deployment_keys) AS Keys, (SELECT COUNT(*) FROM deployment_portal_keys) AS PortalKeys,
            (SELECT COUNT(*) FROM audit_entries) AS AuditEntries, (SELECT COUNT(*) FROM predictions) AS Predictions,
            (SELECT COUNT(*) FROM deployment_minutes) AS Minutes, (SELECT COALESCE(SUM(requests), 0) FROM deployments) AS Requests
        """;

    public static async Task<StoreCounts> ReadAsync(IConnectionFactory factory)
    {
        await using var c = await factory.OpenAsync();
        var row = await c.QuerySingleAsync<(long Keys, long PortalKeys, long AuditEntries, long Predictions, long Minutes, long Requests)>(Sql);
        return new StoreCounts(row.Keys, row.PortalKeys, row.AuditEntries, row.Predictions, row.Minutes, row.Requests);
    }
}
