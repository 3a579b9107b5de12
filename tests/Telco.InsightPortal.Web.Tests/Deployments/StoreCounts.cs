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

    /// <summary>The counts once the prediction log has written what earlier tests scored: the writer gathers for up to
    /// 200 ms before it writes, so a read taken at once may still see a score land afterwards.</summary>
    public static async Task<StoreCounts> SettledAsync(IConnectionFactory factory)
    {
        var last = await ReadAsync(factory);
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(300);
            var now = await ReadAsync(factory);
            if (now == last) return now;
            last = now;
        }
        throw new TimeoutException("The store's counts kept changing for 15 s.");
    }
}
