using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// What a dashboard reads, as edges: source —reads→ chart —reads→ dashboard. A chart over a snapshot reads that
/// snapshot, one over the latest snapshot reads the dataset, one over a prediction log reads the deployment; run
/// charts read an experiment, which is not a lineage node. Replaced on every save, in its transaction.
/// </summary>
public static class DashboardLineage
{
    public static async Task ReplaceAsync(DbConnection c, DbTransaction tx, long dashboardId, DashboardDocument? document, long at, string actor,
        CancellationToken ct)
    {
        var dashboard = LineageIds.Number(dashboardId);
        await c.ExecuteAsync(new CommandDefinition(LineageSql.DeleteDashboardEdges, new { DashboardId = dashboard }, tx, cancellationToken: ct));
        foreach (var tile in document?.Charts ?? [])
        {
            var chart = LineageIds.Chart(dashboardId, tile.Id);
            await LineageRecorder.RecordAsync(c, tx, new LineageEdge(LineageNodeTypes.Chart, chart, LineageNodeTypes.Dashboard, dashboard,
                LineageEdgeKinds.Reads, at, actor), ct);
            if (SourceOf(tile) is { } source)
                await LineageRecorder.RecordAsync(c, tx, new LineageEdge(source.Type, source.Id, LineageNodeTypes.Chart, chart,
                    LineageEdgeKinds.Reads, at, actor), ct);
        }
    }

    private static (string Type, string Id)? SourceOf(ChartTile tile)
    {
        ChartSource source;
        try
        {
            source = ChartSpecParser.Parse(tile.Spec).Source;
        }
        catch (ChartSpecException)
        {
            // A saved document holds canonical specs; one that no longer parses reads nothing we can name.
            return null;
        }
        return source.Kind switch
        {
            ChartSourceKind.Snapshot when source.SnapshotId is { } id => (LineageNodeTypes.Snapshot, LineageIds.Number(id)),
            ChartSourceKind.Snapshot => (LineageNodeTypes.Dataset, source.Dataset),
            ChartSourceKind.Predictions when source.Deployment is { } deployment => (LineageNodeTypes.Deployment, deployment),
            _ => null,
        };
    }
}
