using System.Text.Json.Serialization;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// A lineage answer: <c>{"start","direction","depth","depthCapped","truncated","nodes":[…],"edges":[…]}</c>. An edge's
/// <c>from</c> and <c>to</c> are <c>"{type}/{id}"</c> (the type never holds a slash, so the first one splits) and edges
/// point downstream, from what came first to what was made from it.
/// </summary>
public sealed record LineageResponse(
    string Start,
    string Direction,
    int Depth,
    bool DepthCapped,
    bool Truncated,
    IReadOnlyList<LineageNodeItem> Nodes,
    IReadOnlyList<LineageEdgeItem> Edges)
{
    public static LineageResponse Of(LineageGraph graph) => new(
        graph.Start.Key, graph.Direction.Word(), graph.Depth, graph.DepthCapped, graph.Truncated,
        [.. graph.Nodes.Select(LineageNodeItem.Of)], [.. graph.Edges.Select(LineageEdgeItem.Of)]);
}

/// <summary>A node; <c>group</c> and <c>count</c> appear only on a counted group (a deployment's predictions).</summary>
public sealed record LineageNodeItem(
    string Type,
    string Id,
    string Label,
    int Distance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Group,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Facts)
{
    public static LineageNodeItem Of(LineageNode n) => new(n.Type, n.Id, n.Label, n.Distance, n.Group, n.Count, n.Facts);
}

/// <summary>An edge; <c>at</c> is Unix milliseconds (null for a derived one), <c>actor</c> a user name or null.</summary>
public sealed record LineageEdgeItem(string From, string To, string Kind, long? At, string? Actor)
{
    public static LineageEdgeItem Of(LineageEdge e) => new(e.From, e.To, e.Kind, e.At, e.Actor);
}
