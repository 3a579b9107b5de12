using Dapper;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Web.Tests.Deployments;
using Telco.InsightPortal.Web.Tests.Monitoring;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>A deployment of churn v1 (trained on the seeded telco-churn snapshot) with a few logged predictions, and
/// the lookups the lineage report tests need.</summary>
internal static class LineageSeed
{
    public static async Task<(string Uuid, long SnapshotId)> DeployWithLogAsync(DeployedPortal portal, string name, int count, CancellationToken ct)
    {
        await MonitoringSeed.DeployWithLogAsync(portal, name, ct, count);
        var snapshot = (await portal.Get<DatasetStore>().GetAsync("telco-churn", ct))!.CurrentSnapshotId!.Value;
        var deployment = (await portal.Get<DeploymentStore>().GetAsync(name, ct))!;
        var factory = portal.Get<IConnectionFactory>();
        await using var c = await factory.OpenAsync(ct);
        var raw = await c.ExecuteScalarAsync<object>(new CommandDefinition(
            "SELECT uuid FROM predictions WHERE deployment_id = @Id ORDER BY created_at DESC LIMIT 1", new { deployment.Id }, cancellationToken: ct));
        return (PredictionIds.FromStore(raw!).ToString("D"), snapshot);
    }
}
