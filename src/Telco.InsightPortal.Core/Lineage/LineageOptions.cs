namespace Telco.InsightPortal.Core.Lineage;

/// <summary>Limits of a lineage walk, from configuration section <c>Lineage</c>.</summary>
public sealed record LineageOptions
{
    public const string Section = "Lineage";

    /// <summary>Hops a walk may take; a request for more is lowered to this and the answer says so.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>Hops taken when the request names no depth.</summary>
    public int DefaultDepth { get; init; } = 3;

    /// <summary>Distinct nodes one answer may hold; the walk stops there and the answer says it was truncated.</summary>
    public int MaxNodes { get; init; } = 5000;

    /// <summary>The depth to walk for a request of <paramref name="requested"/> hops (null: the default), and whether
    /// it had to be lowered to <see cref="MaxDepth"/>.</summary>
    public (int Depth, bool Capped) Cap(int? requested)
    {
        var depth = requested ?? Math.Min(DefaultDepth, MaxDepth);
        if (depth < 0) throw new ArgumentOutOfRangeException(nameof(requested), requested, "A depth cannot be negative.");
        return depth > MaxDepth ? (MaxDepth, true) : (depth, false);
    }
}
