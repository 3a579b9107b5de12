using System.Globalization;

namespace Telco.InsightPortal.Core.Lineage;

/// <summary>Siblings drawn as one node: the <see cref="Members"/> that <see cref="Anchor"/> reaches by one
/// <see cref="Kind"/> of edge, on one side (downstream: the anchor is the edge's from; upstream: its to).</summary>
public sealed record LineageGroup(LineageNode Node, string Anchor, string Kind, bool Downstream, IReadOnlyList<LineageNode> Members);

/// <summary>What the graph page draws: the nodes and edges left after grouping, the groups by their node's key, how
/// many nodes are not drawn because they hang only below a group (a run's version under "10,000 runs"), and how many
/// of the farthest were left out because even grouped there were more than the page draws.</summary>
public sealed record LineageView(
    IReadOnlyList<LineageNode> Nodes,
    IReadOnlyList<LineageEdge> Edges,
    IReadOnlyDictionary<string, LineageGroup> Groups,
    int HiddenBeyondGroups,
    int BeyondDrawLimit = 0);

/// <summary>
/// Keeps a large answer drawable: where one node has more than <c>threshold</c> neighbours of one type through one kind
/// of edge on one side, they become one counted node ("1,240 runs") and what was reachable only through them is left
/// out. Nodes the user pinned (expanded or picked from a group) and the start node are never grouped away. Pure: the
/// same answer gives the same view, so the page can regroup after every expansion.
/// </summary>
public static class LineageGrouping
{
    public const int DefaultThreshold = 25;

    /// <summary>Nodes drawn at most. The layout's time grows much faster than the node count (dagre took over a minute
    /// for 10,000 on a loaded two-core machine), so what grouping leaves beyond this, the farthest first, is not drawn.</summary>
    public const int DefaultMaxDrawn = 1000;

    public static LineageView Group(IReadOnlyList<LineageNode> nodes, IReadOnlyList<LineageEdge> edges, string startKey,
        IReadOnlySet<string> pinned, int threshold = DefaultThreshold, int maxDrawn = DefaultMaxDrawn)
    {
        var byKey = nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, LineageGroup>(StringComparer.Ordinal);
        var groupEdges = new List<LineageEdge>();

        // Nearest anchors first: a group hides its members, and a hidden node anchors no group of its own.
        foreach (var bucket in Buckets(edges, byKey).OrderBy(b => byKey[b.Anchor].Distance).ThenBy(b => b.Anchor, StringComparer.Ordinal))
        {
            if (hidden.Contains(bucket.Anchor)) continue;
            var members = bucket.Members.Where(m => m != startKey && !pinned.Contains(m) && !hidden.Contains(m))
                .Select(m => byKey[m]).OrderBy(m => m.Label, StringComparer.Ordinal).ToList();
            if (members.Count <= threshold) continue;
            var anchor = byKey[bucket.Anchor];
            var node = new LineageNode(bucket.Type, $"{anchor.Key}|{bucket.Kind}|{(bucket.Downstream ? "down" : "up")}", Label(bucket.Type, members.Count))
            {
                Group = true, Count = members.Count, Distance = anchor.Distance + 1,
            };
            groups[node.Key] = new LineageGroup(node, anchor.Key, bucket.Kind, bucket.Downstream, members);
            hidden.UnionWith(members.Select(m => m.Key));
            groupEdges.Add(bucket.Downstream
                ? new LineageEdge(anchor.Type, anchor.Id, node.Type, node.Id, bucket.Kind, null, null)
                : new LineageEdge(node.Type, node.Id, anchor.Type, anchor.Id, bucket.Kind, null, null));
        }

        var keptNodes = nodes.Where(n => !hidden.Contains(n.Key)).Concat(groups.Values.Select(g => g.Node)).ToList();
        var keptEdges = edges.Where(e => !hidden.Contains(e.From) && !hidden.Contains(e.To)).Concat(groupEdges).ToList();
        var reachable = Reachable(startKey, keptEdges);
        reachable.Add(startKey);
        var connected = keptNodes.Where(n => reachable.Contains(n.Key)).ToList();
        var beyond = keptNodes.Count - connected.Count;
        // The walk's distances are shortest paths, so the nearest nodes stay joined to the start.
        var drawn = connected.Count <= maxDrawn ? connected
            : [.. connected.OrderBy(n => n.Key == startKey ? -1 : n.Distance).ThenBy(n => n.Key, StringComparer.Ordinal).Take(maxDrawn)];
        var drawnKeys = drawn.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        return new LineageView(drawn, [.. keptEdges.Where(e => drawnKeys.Contains(e.From) && drawnKeys.Contains(e.To))], groups, beyond,
            connected.Count - drawn.Count);
    }

    /// <summary>"1 run", "1,240 predictions", "37 model versions".</summary>
    public static string Label(string type, long count)
    {
        var noun = type switch
        {
            LineageNodeTypes.Person => count == 1 ? "person" : "people",
            _ => type.Replace('-', ' ') + (count == 1 ? "" : "s"),
        };
        return count.ToString("N0", CultureInfo.InvariantCulture) + " " + noun;
    }

    private sealed record Bucket(string Anchor, string Kind, string Type, bool Downstream, List<string> Members);

    private static IEnumerable<Bucket> Buckets(IReadOnlyList<LineageEdge> edges, Dictionary<string, LineageNode> byKey)
    {
        var buckets = new Dictionary<(string, string, string, bool), Bucket>();
        foreach (var e in edges.Where(e => byKey.ContainsKey(e.From) && byKey.ContainsKey(e.To)))
        {
            Add(e.From, e.Kind, e.ToType, true, e.To);
            Add(e.To, e.Kind, e.FromType, false, e.From);
        }
        return buckets.Values;

        void Add(string anchor, string kind, string type, bool downstream, string member)
        {
            var key = (anchor, kind, type, downstream);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = new Bucket(anchor, kind, type, downstream, []);
            bucket.Members.Add(member);
        }
    }

    /// <summary>Nodes joined to the start by kept edges, either way round.</summary>
    private static HashSet<string> Reachable(string startKey, List<LineageEdge> edges)
    {
        var next = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in edges)
        {
            (next.TryGetValue(e.From, out var a) ? a : next[e.From] = []).Add(e.To);
            (next.TryGetValue(e.To, out var b) ? b : next[e.To] = []).Add(e.From);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal) { startKey };
        var queue = new Queue<string>([startKey]);
        while (queue.TryDequeue(out var key))
            foreach (var n in next.GetValueOrDefault(key) ?? [])
                if (seen.Add(n)) queue.Enqueue(n);
        return seen;
    }
}
