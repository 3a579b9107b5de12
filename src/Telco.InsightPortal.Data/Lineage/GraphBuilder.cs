using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// Gathers the nodes of one answer up to the node limit (nearest first, as the walks return them), each at the
/// shortest distance any walk found, and the edges whose two ends were both kept.
/// </summary>
internal sealed class GraphBuilder(int maxNodes)
{
    private readonly Dictionary<string, LineageNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), LineageEdge> _edges = [];

    public bool Truncated { get; private set; }

    public IReadOnlyList<LineageNode> Nodes => [.. _nodes.Values.OrderBy(n => n.Distance)];

    public IReadOnlyList<LineageEdge> Edges => [.. _edges.Values.Where(e => _nodes.ContainsKey(e.From) && _nodes.ContainsKey(e.To))];

    public void AddNode(string type, string id, int distance) => AddNode(new LineageNode(type, id, id) { Distance = distance });

    public void AddNode(LineageNode node)
    {
        if (_nodes.TryGetValue(node.Key, out var known))
        {
            if (node.Distance < known.Distance) _nodes[node.Key] = known with { Distance = node.Distance };
            return;
        }
        if (_nodes.Count >= maxNodes)
        {
            Truncated = true;
            return;
        }
        _nodes[node.Key] = node;
    }

    /// <summary>A counted group stands for many nodes but takes no room: it is what keeps a large graph small.</summary>
    public void AddGroup(LineageNode group, LineageEdge edge)
    {
        _nodes[group.Key] = group;
        AddEdge(edge);
    }

    public void AddEdge(LineageEdge edge) => _edges.TryAdd((edge.From, edge.To, edge.Kind), edge);
}
