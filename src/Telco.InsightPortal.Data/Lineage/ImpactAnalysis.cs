using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// "This snapshot is bad": everything built on it, from one downstream walk as deep as the configured maximum (the
/// same recursive query the lineage API runs), with the predictions each affected deployment logged counted in SQL.
/// A sibling snapshot's branch is not reached, because every edge points downstream and a snapshot's only downstream
/// snapshots are the appends that hold its rows. Reads only.
/// </summary>
public sealed class ImpactAnalysis(IConnectionFactory factory, LineageStore lineage, LineageOptions options)
{
    /// <summary>The report for snapshot <paramref name="snapshotId"/>; null when there is no such snapshot.</summary>
    public async Task<ImpactReport?> OfSnapshotAsync(long snapshotId, CancellationToken ct = default)
    {
        string? dataset;
        await using (var c = await factory.OpenAsync(ct))
            dataset = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(PredictionChainSql.SnapshotDataset, new { Id = snapshotId }, cancellationToken: ct));
        if (dataset is null) return null;
        var graph = await lineage.GraphAsync(LineageNodeTypes.Snapshot, LineageIds.Number(snapshotId), LineageDirection.Downstream, options.MaxDepth, ct);
        if (graph is null) return null;
        return Report(snapshotId, dataset, graph);
    }

    /// <summary>Turns the graph into the report: each listed node with the nearest node it was reached from, and each
    /// deployment's counted predictions (0 when the walk could count them and there were none).</summary>
    public static ImpactReport Report(long snapshotId, string dataset, LineageGraph graph)
    {
        var distance = graph.Nodes.ToDictionary(n => n.Key, n => n.Distance, StringComparer.Ordinal);
        var counts = graph.Nodes.Where(n => n.Group).ToDictionary(n => n.Key, n => n.Count ?? 0, StringComparer.Ordinal);
        var predictions = graph.Edges.Where(e => e.Kind == LineageEdgeKinds.ScoredBy && counts.ContainsKey(e.To))
            .ToDictionary(e => e.FromId, e => counts[e.To], StringComparer.Ordinal);
        var items = new List<ImpactItem>();
        foreach (var node in graph.Nodes.Where(n => !n.Group && n.Key != graph.Start.Key && ImpactReport.Kinds.Contains(n.Type)))
        {
            var via = graph.Edges.Where(e => e.To == node.Key && distance.ContainsKey(e.From)).MinBy(e => (distance[e.From], e.From));
            long? logged = node.Type != LineageNodeTypes.Deployment ? null
                : predictions.TryGetValue(node.Id, out var n) ? n
                : node.Distance < graph.Depth ? 0 : null;
            items.Add(new ImpactItem(node.Type, node.Id, node.Label, node.Distance, via?.From ?? graph.Start.Key, via?.Kind ?? "", logged));
        }
        var ordered = items.OrderBy(i => Rank(i.Type)).ThenBy(i => i.Distance).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var depthLimited = graph.Nodes.Any(n => !n.Group && n.Distance >= graph.Depth);
        return new ImpactReport(snapshotId, dataset, graph.Depth, graph.Truncated, depthLimited, ordered);
    }

    private static int Rank(string type)
    {
        for (var i = 0; i < ImpactReport.Kinds.Count; i++)
            if (ImpactReport.Kinds[i] == type) return i;
        return ImpactReport.Kinds.Count;
    }
}
