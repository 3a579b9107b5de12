using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>
/// What one visit to the graph page has gathered: the first answer around the start node and every one-hop answer the
/// user expanded since, merged; the nodes the user pinned (expanded, or picked out of a group) so that grouping never
/// hides them; and the view that is drawn. Lives for one page, in one circuit.
/// </summary>
public sealed class LineageExploration
{
    private readonly Dictionary<string, LineageNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), LineageEdge> _edges = [];
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);

    public LineageExploration(LineageGraph first, int threshold = LineageGrouping.DefaultThreshold)
    {
        First = first;
        Threshold = threshold;
        Merge(first, 0);
        View = LineageGrouping.Group([.. _nodes.Values], [.. _edges.Values], StartKey, _pinned, threshold);
    }

    public LineageGraph First { get; }

    public int Threshold { get; }

    public string StartKey => First.Start.Key;

    public LineageView View { get; private set; }

    /// <summary>Whether any answer merged so far stopped at the node limit.</summary>
    public bool Truncated { get; private set; }

    public bool WasExpanded(string key) => _expanded.Contains(key);

    public LineageNode? Node(string key) =>
        _nodes.GetValueOrDefault(key) ?? View.Groups.GetValueOrDefault(key)?.Node;

    /// <summary>The edges drawn or hidden that touch <paramref name="key"/>: how the node was reached.</summary>
    public IReadOnlyList<LineageEdge> EdgesOf(string key) =>
        [.. _edges.Values.Where(e => e.From == key || e.To == key).OrderBy(e => e.At ?? long.MaxValue)];

    /// <summary>Merges a one-hop answer around <paramref name="key"/>, which stays drawn from now on.</summary>
    public void Expand(string key, LineageGraph answer)
    {
        _expanded.Add(key);
        _pinned.Add(key);
        Merge(answer, _nodes.GetValueOrDefault(key)?.Distance ?? 0);
        Regroup();
    }

    /// <summary>Draws one member of a group as itself, beside the rest of the group.</summary>
    public void Pin(string key)
    {
        _pinned.Add(key);
        Regroup();
    }

    private void Regroup() => View = LineageGrouping.Group([.. _nodes.Values], [.. _edges.Values], StartKey, _pinned, Threshold);

    private void Merge(LineageGraph answer, int baseDistance)
    {
        Truncated |= answer.Truncated;
        foreach (var node in answer.Nodes)
        {
            var distance = baseDistance + node.Distance;
            if (_nodes.TryGetValue(node.Key, out var known))
            {
                if (distance < known.Distance) _nodes[node.Key] = known with { Distance = distance };
            }
            else _nodes[node.Key] = node with { Distance = distance };
        }
        foreach (var edge in answer.Edges) _edges.TryAdd((edge.From, edge.To, edge.Kind), edge);
    }
}
