namespace Telco.Apps.ChurnExplorer;

/// <summary>
/// Sets of compatible offers in order of total cost, without listing all 2ⁿ: a best-first walk where a set's children
/// add one offer after its last (offers sorted by cost, so a child never costs less than its parent). A set that
/// conflicts is never entered, and nor are its supersets, since they conflict too.
/// </summary>
internal static class OfferSets
{
    public static IEnumerable<RetentionOffer[]> CheapestFirst(IReadOnlyList<RetentionOffer> offers, int max)
    {
        var queue = new PriorityQueue<Node, Node>(NodeOrder.Instance);
        for (var i = 0; i < offers.Count; i++) Enqueue(queue, new Node(offers[i].Cost, [i]));
        for (var emitted = 0; emitted < max && queue.TryDequeue(out var node, out _); emitted++)
        {
            yield return [.. node.Indices.Select(i => offers[i])];
            for (var next = node.Indices[^1] + 1; next < offers.Count; next++)
                if (!node.Indices.Any(i => offers[i].ConflictsWith(offers[next])))
                    Enqueue(queue, new Node(node.Cost + offers[next].Cost, [.. node.Indices, next]));
        }
    }

    private static void Enqueue(PriorityQueue<Node, Node> queue, Node node) => queue.Enqueue(node, node);

    private sealed record Node(double Cost, int[] Indices);

    /// <summary>By cost, then by the offers' positions, so equal costs come out in the same order every time.</summary>
    private sealed class NodeOrder : IComparer<Node>
    {
        public static readonly NodeOrder Instance = new();

        public int Compare(Node? x, Node? y)
        {
            var byCost = x!.Cost.CompareTo(y!.Cost);
            if (byCost != 0) return byCost;
            for (var i = 0; i < Math.Min(x.Indices.Length, y.Indices.Length); i++)
                if (x.Indices[i] != y.Indices[i]) return x.Indices[i].CompareTo(y.Indices[i]);
            return x.Indices.Length.CompareTo(y.Indices.Length);
        }
    }
}
