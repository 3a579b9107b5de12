namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// A node of a lineage answer. <see cref="Group"/> nodes stand for many siblings that are counted, never listed (the
/// predictions a deployment logged): <see cref="Count"/> says how many.
/// </summary>
public sealed record LineageNode(string Type, string Id, string Label)
{
    public bool Group { get; init; }

    public long? Count { get; init; }

    /// <summary>How many hops from the start node the walk first reached it (0 for the start).</summary>
    public int Distance { get; init; }

    /// <summary>A few facts worth showing beside the label (a prediction's probability, the generation that served it).</summary>
    public IReadOnlyDictionary<string, object?>? Facts { get; init; }

    public string Key => LineageIds.Key(Type, Id);
}
