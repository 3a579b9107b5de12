namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// The answer to one lineage question: the nodes reached from <see cref="Start"/> within <see cref="Depth"/> hops and
/// the edges between them. <see cref="DepthCapped"/> says the depth asked for was above the configured maximum and was
/// lowered to it; <see cref="Truncated"/> says the walk stopped at the node limit, so more exists than is shown.
/// </summary>
public sealed record LineageGraph(
    LineageNode Start,
    LineageDirection Direction,
    int Depth,
    bool DepthCapped,
    bool Truncated,
    IReadOnlyList<LineageNode> Nodes,
    IReadOnlyList<LineageEdge> Edges);
