using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// Answers lineage questions in the database: one recursive query per direction walks the edges, one query per node
/// type labels what it reached, and predictions are looked up or counted from the prediction log. Reads only.
/// </summary>
public sealed class LineageStore(IConnectionFactory factory, LineageOptions options)
{
    /// <summary>The graph around (<paramref name="type"/>, <paramref name="id"/>); null when no such node exists.</summary>
    /// <param name="depth">Hops to walk; null: the configured default; above the maximum: the maximum, and the answer says so.</param>
    public async Task<LineageGraph?> GraphAsync(string type, string id, LineageDirection direction, int? depth, CancellationToken ct = default)
    {
        if (!LineageNodeTypes.IsKnown(type)) throw new ArgumentException($"Unknown lineage node type '{type}'.", nameof(type));
        var (hops, capped) = options.Cap(depth);
        await using var c = await factory.OpenAsync(ct);
        var graph = new GraphBuilder(options.MaxNodes);
        if (type == LineageNodeTypes.Prediction)
        {
            if (!await AddPredictionAsync(c, graph, id, direction, hops, ct)) return null;
        }
        else
        {
            graph.AddNode(type, id, 0);
            if (direction != LineageDirection.Downstream) await WalkAsync(c, graph, upstream: true, (type, id), null, 0, hops, ct);
            if (direction != LineageDirection.Upstream) await WalkAsync(c, graph, upstream: false, (type, id), null, 0, hops, ct);
        }
        var labels = await new LineageLabels(c, factory.Provider).ResolveAsync(graph.Nodes, ct);
        var startKey = LineageIds.Key(type, id);
        if (type != LineageNodeTypes.Prediction && !labels.ContainsKey(startKey) && !await MentionedAsync(c, type, id, ct)) return null;
        if (direction != LineageDirection.Upstream) await AddPredictionGroupsAsync(c, graph, hops, ct);

        var nodes = graph.Nodes.Select(n => n with { Label = labels.GetValueOrDefault(n.Key) ?? n.Label }).ToList();
        return new LineageGraph(nodes.First(n => n.Key == startKey), direction, hops, capped, graph.Truncated, nodes, graph.Edges);
    }

    /// <summary>Up to <paramref name="limit"/> deployments and model versions, most recently deployed or registered first,
    /// labelled: the places a walk usually starts, offered when the graph page is opened without a node.</summary>
    public async Task<IReadOnlyList<LineageNode>> RecentAsync(int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var c = await factory.OpenAsync(ct);
        var rows = await c.QueryAsync<RecentRow>(new CommandDefinition(LineageSql.Recent, new { Limit = limit }, cancellationToken: ct));
        var nodes = rows.Select(r => new LineageNode(r.Type, r.Id, r.Id)).ToList();
        var labels = await new LineageLabels(c, factory.Provider).ResolveAsync(nodes, ct);
        return [.. nodes.Select(n => n with { Label = labels.GetValueOrDefault(n.Key) ?? n.Label })];
    }

    private async Task WalkAsync(DbConnection c, GraphBuilder graph, bool upstream, (string Type, string Id) seed, (string Type, string Id)? second,
        int startDepth, int hops, CancellationToken ct)
    {
        var sql = (factory.Provider, upstream) switch
        {
            (StoreProvider.Sqlite, true) => LineageSql.SqliteUpstream,
            (StoreProvider.Sqlite, false) => LineageSql.SqliteDownstream,
            (_, true) => LineageSql.PostgresUpstream,
            _ => LineageSql.PostgresDownstream,
        };
        var rows = await c.QueryAsync<WalkRow>(new CommandDefinition(sql, new
        {
            seed.Type, seed.Id, Type2 = second?.Type, Id2 = second?.Id, StartDepth = startDepth, Depth = hops,
            // One more than may be kept, so that the answer knows whether it was cut.
            Limit = options.MaxNodes + 1,
        }, cancellationToken: ct));
        var edges = new List<LineageEdge>();
        foreach (var row in rows)
        {
            graph.AddNode(row.Type, row.Id, (int)row.Depth);
            if (row.Kind is not null)
                edges.Add(new LineageEdge(row.FromType!, row.FromId!, row.ToType!, row.ToId!, row.Kind, row.At, row.Actor));
        }
        foreach (var edge in edges) graph.AddEdge(edge);
    }

    /// <summary>A prediction's upstream starts at its deployment and the version that scored it, both read from its log
    /// row; nothing is downstream of a prediction. False when no deployment logged it.</summary>
    private async Task<bool> AddPredictionAsync(DbConnection c, GraphBuilder graph, string id, LineageDirection direction, int hops, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var uuid)) return false;
        var sql = factory.Provider == StoreProvider.Sqlite ? LineagePredictionSql.SqliteFind : LineagePredictionSql.PostgresFind;
        var row = await c.QuerySingleOrDefaultAsync<PredictionRow>(new CommandDefinition(sql,
            new { Uuid = PredictionIds.ToStore(uuid, factory.Provider) }, cancellationToken: ct));
        if (row is null) return false;
        var prediction = uuid.ToString("D");
        graph.AddNode(new LineageNode(LineageNodeTypes.Prediction, prediction, prediction)
        {
            Facts = new Dictionary<string, object?>
            {
                ["deployment"] = row.Deployment, ["generation"] = row.Generation, ["modelVersion"] = row.ModelVersion,
                ["probability"] = row.Probability, ["label"] = row.Label, ["createdAt"] = row.CreatedAt,
            },
        });
        if (direction == LineageDirection.Downstream || hops == 0) return true;
        graph.AddNode(LineageNodeTypes.Deployment, row.Deployment, 1);
        graph.AddNode(LineageNodeTypes.ModelVersion, row.ModelVersion, 1);
        graph.AddEdge(new LineageEdge(LineageNodeTypes.Deployment, row.Deployment, LineageNodeTypes.Prediction, prediction, LineageEdgeKinds.ScoredBy, row.CreatedAt, null));
        graph.AddEdge(new LineageEdge(LineageNodeTypes.ModelVersion, row.ModelVersion, LineageNodeTypes.Prediction, prediction, LineageEdgeKinds.ScoredBy, row.CreatedAt, null));
        await WalkAsync(c, graph, upstream: true, (LineageNodeTypes.Deployment, row.Deployment), (LineageNodeTypes.ModelVersion, row.ModelVersion), 1, hops, ct);
        return true;
    }

    /// <summary>Below every deployment the walk could still step from: one node counting its predictions.</summary>
    private async Task AddPredictionGroupsAsync(DbConnection c, GraphBuilder graph, int hops, CancellationToken ct)
    {
        var deployments = graph.Nodes.Where(n => n.Type == LineageNodeTypes.Deployment && n.Distance < hops).Select(n => n.Id).ToArray();
        if (deployments.Length == 0) return;
        var counts = await c.QueryAsync<PredictionCount>(new CommandDefinition(ProviderSql.InList(factory.Provider, LineagePredictionSql.CountByDeployment),
            new { Names = deployments }, cancellationToken: ct));
        foreach (var (deployment, count) in counts.Where(x => x.Count > 0).Select(x => (x.Deployment, x.Count)))
        {
            var from = graph.Nodes.First(n => n.Type == LineageNodeTypes.Deployment && n.Id == deployment);
            var group = new LineageNode(LineageNodeTypes.Prediction, deployment + "/*", count.ToString("N0", CultureInfo.InvariantCulture) + " predictions")
            {
                Group = true, Count = count, Distance = from.Distance + 1,
            };
            graph.AddGroup(group, new LineageEdge(LineageNodeTypes.Deployment, deployment, LineageNodeTypes.Prediction, group.Id, LineageEdgeKinds.ScoredBy, null, null));
        }
    }

    private static async Task<bool> MentionedAsync(DbConnection c, string type, string id, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(LineageSql.Mentioned, new { Type = type, Id = id }, cancellationToken: ct)) == 1;
}
