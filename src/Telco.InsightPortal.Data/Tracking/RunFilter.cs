using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Filters;

namespace Telco.InsightPortal.Data.Tracking;

public enum FilterEntity { Metric, Param, Tag, Attribute }

/// <summary>One checked comparison of a run filter; <see cref="Value"/> is a double for numeric operands, else a
/// string, and for <c>IN</c> / <c>NOT IN</c> a list of those.</summary>
public sealed record FilterClause(FilterEntity Entity, string Key, string Operator, object Value) : FilterNode;

public sealed record OrderClause(FilterEntity Entity, string Key, bool Ascending);

/// <summary>What run search allows of MLflow's syntax (<c>metrics.auc &gt; 0.8 and params.model = 'rf'</c>,
/// <c>metrics.auc DESC</c>), parsed by the shared <see cref="FilterParser"/> (<c>or</c>, parentheses, <c>in (…)</c>,
/// <c>LIKE</c> and <c>ILIKE</c> included). Keys, operators and value types are checked here against what
/// <see cref="RunSearchSql"/> knows, so no text of the caller's reaches SQL except as a parameter value.</summary>
public static class RunFilter
{
    public const string In = FilterOperators.In;
    public const string NotIn = FilterOperators.NotIn;

    public static readonly IReadOnlySet<string> NumericOperators = new HashSet<string>
    {
        FilterOperators.Equal, FilterOperators.NotEqual, FilterOperators.Less, FilterOperators.LessOrEqual,
        FilterOperators.Greater, FilterOperators.GreaterOrEqual, In, NotIn,
    };

    public static readonly IReadOnlySet<string> StringOperators = new HashSet<string>
    {
        FilterOperators.Equal, FilterOperators.NotEqual, FilterOperators.Like, FilterOperators.ILike, In, NotIn,
    };

    public static readonly IReadOnlySet<string> StringAttributes = new HashSet<string> { "status", "run_name", "run_id", "user_id", "lifecycle_stage" };
    public static readonly IReadOnlySet<string> NumericAttributes = new HashSet<string> { "start_time", "end_time" };

    private static readonly Dictionary<string, FilterEntity> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["metric"] = FilterEntity.Metric, ["metrics"] = FilterEntity.Metric,
        ["param"] = FilterEntity.Param, ["params"] = FilterEntity.Param, ["parameter"] = FilterEntity.Param, ["parameters"] = FilterEntity.Param,
        ["tag"] = FilterEntity.Tag, ["tags"] = FilterEntity.Tag,
        ["attribute"] = FilterEntity.Attribute, ["attributes"] = FilterEntity.Attribute, ["attr"] = FilterEntity.Attribute, ["run"] = FilterEntity.Attribute,
    };

    private static readonly FilterGrammar Grammar =
        new(Prefixes.Keys, bareKeys: false, "'metrics.', 'params.', 'tags.' or 'attributes.' followed by a key");

    /// <summary>The filter as a tree of <see cref="FilterClause"/>s, or null when there is none.</summary>
    public static FilterNode? Parse(string? filter) =>
        ParseRefusal.AsInvalidParameter(() => FilterParser.Parse(filter, Grammar, comparison => Check(comparison, filter!)));

    public static IReadOnlyList<OrderClause> ParseOrderBy(IEnumerable<string>? orderBy)
    {
        var texts = orderBy?.ToList() ?? [];
        return ParseRefusal.AsInvalidParameter(() => FilterParser.ParseOrderBy(texts, Grammar).Select((order, i) =>
        {
            var (entity, key) = Resolve(order.Key);
            if (entity == FilterEntity.Attribute && !StringAttributes.Contains(key) && !NumericAttributes.Contains(key))
                throw ParseException.Of(ParserLimits.OrderBy, texts[i], $"unknown attribute '{key}'");
            return new OrderClause(entity, key, order.Ascending);
        }).ToList());
    }

    private static (FilterEntity, string) Resolve(FilterKey key)
    {
        var entity = Prefixes[key.Prefix!];
        return (entity, entity == FilterEntity.Attribute ? key.Name.ToLowerInvariant() : key.Name);
    }

    private static FilterClause Check(FilterComparison comparison, string filter)
    {
        var (entity, key) = Resolve(comparison.Key);
        var numeric = entity == FilterEntity.Metric || (entity == FilterEntity.Attribute && NumericAttributes.Contains(key));
        if (entity == FilterEntity.Attribute && !numeric && !StringAttributes.Contains(key))
            throw Invalid(filter, $"unknown attribute '{key}'. Known: {string.Join(", ", StringAttributes.Concat(NumericAttributes))}");
        var values = comparison.Value is IReadOnlyList<object> list ? list : [comparison.Value];
        if (numeric && values.Any(v => v is not double))
            throw Invalid(filter, $"'{key}' is compared with a number, got a string");
        if (!numeric && values.Any(v => v is not string))
            throw Invalid(filter, $"'{key}' is compared with a quoted string, got a number");
        var allowed = numeric ? NumericOperators : StringOperators;
        if (!allowed.Contains(comparison.Operator))
            throw Invalid(filter, $"operator '{comparison.Operator}' is not supported for '{key}'; use one of {string.Join(" ", allowed)}");
        return new FilterClause(entity, key, comparison.Operator, comparison.Value);
    }

    private static ParseException Invalid(string filter, string what) => ParseException.Of(ParserLimits.Filter, filter, what);
}
