namespace Telco.InsightPortal.Core.Parsing;

/// <summary>A parsed filter: comparisons joined by <c>and</c> (<see cref="FilterAll"/>) and <c>or</c>
/// (<see cref="FilterAny"/>). Each search turns the parser's <see cref="FilterComparison"/> into a comparison of its
/// own, checked against what it allows, so the leaves of a tree it gets back are its own kind.</summary>
public abstract record FilterNode;

public sealed record FilterAll(IReadOnlyList<FilterNode> Terms) : FilterNode;

public sealed record FilterAny(IReadOnlyList<FilterNode> Terms) : FilterNode;

/// <summary>A key as written: <c>metrics.auc</c> is (metrics, auc), <c>tags.`a b`</c> is (tags, a b), a bare
/// <c>name</c> is (null, name).</summary>
public readonly record struct FilterKey(string? Prefix, string Name);

/// <summary>One comparison as written, unchecked. <see cref="Value"/> is a string for quoted text, a double for a
/// number, and for <c>IN</c> / <c>NOT IN</c> a list of those.</summary>
public sealed record FilterComparison(FilterKey Key, string Operator, object Value, int Position) : FilterNode;

/// <summary>One <c>order_by</c> clause as written: a key and a direction.</summary>
public sealed record FilterOrder(FilterKey Key, bool Ascending);

public static class FilterOperators
{
    public const string Equal = "=";
    public const string NotEqual = "!=";
    public const string Less = "<";
    public const string LessOrEqual = "<=";
    public const string Greater = ">";
    public const string GreaterOrEqual = ">=";
    public const string Like = "LIKE";
    public const string ILike = "ILIKE";
    public const string In = "IN";
    public const string NotIn = "NOT IN";
}
