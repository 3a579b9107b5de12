using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Filters;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>
/// What registry search allows of MLflow's filter syntax, parsed by the shared <see cref="FilterParser"/>: an attribute
/// from the caller's whitelist (<c>name</c>, <c>run_id</c>, …) or <c>tags.key</c>, compared with a quoted string by
/// <c>=</c>, <c>!=</c>, <c>LIKE</c>, <c>ILIKE</c>, <c>IN (…)</c> or <c>NOT IN (…)</c>, joined by <c>and</c> / <c>or</c>
/// with parentheses. Columns come from the whitelist and every value and tag key is a parameter.
/// </summary>
public static class RegistryFilter
{
    public sealed record Sql(string Where, DynamicParameters Parameters);

    private static readonly IReadOnlySet<string> Operators = new HashSet<string>
    {
        FilterOperators.Equal, FilterOperators.NotEqual, FilterOperators.Like, FilterOperators.ILike, FilterOperators.In, FilterOperators.NotIn,
    };

    private static readonly FilterGrammar Grammar = new(["tags", "tag"], bareKeys: true, "an attribute or tags.<key>");

    /// <summary>A column from the whitelist, or a tag (<see cref="Column"/> null).</summary>
    private sealed record RegistryClause(string? Column, string Key, string Operator, object Value) : FilterNode;

    /// <param name="columns">attribute → SQL column (e.g. name → m.name).</param>
    /// <param name="tagExists">the EXISTS subquery that finds a tag, with {0} for the key's parameter and {1} for the
    /// predicate on <c>t.value</c>.</param>
    public static Sql Parse(string? filter, IReadOnlyDictionary<string, string> columns, string tagExists)
    {
        var parameters = new DynamicParameters();
        var tree = ParseRefusal.AsInvalidParameter(() => FilterParser.Parse(filter, Grammar, comparison => Check(comparison, filter!, columns)));
        if (tree is null) return new Sql("", parameters);
        var where = FilterSql.Condition(tree, (node, i) =>
        {
            var clause = (RegistryClause)node;
            if (clause.Column is not null) return FilterSql.Predicate(parameters, clause.Column, clause.Operator, clause.Value, i);
            parameters.Add($"K{i}", clause.Key);
            return string.Format(CultureInfo.InvariantCulture, tagExists, $"@K{i}", FilterSql.Predicate(parameters, "t.value", clause.Operator, clause.Value, i));
        });
        return new Sql(" WHERE " + where, parameters);
    }

    private static RegistryClause Check(FilterComparison comparison, string filter, IReadOnlyDictionary<string, string> columns)
    {
        string? column = null;
        if (comparison.Key.Prefix is null && !columns.TryGetValue(comparison.Key.Name.ToLowerInvariant(), out column))
            throw Invalid(filter, $"unknown attribute '{comparison.Key.Name}'; use one of {string.Join(", ", columns.Keys)} or tags.<key>");
        var values = comparison.Value is IReadOnlyList<object> list ? list : [comparison.Value];
        if (values.Any(v => v is not string))
            throw Invalid(filter, $"'{comparison.Key.Name}' is compared with a quoted string, got a number");
        if (!Operators.Contains(comparison.Operator))
            throw Invalid(filter, $"operator '{comparison.Operator}' is not supported for '{comparison.Key.Name}'; use one of {string.Join(" ", Operators)}");
        return new RegistryClause(column, comparison.Key.Name, comparison.Operator, comparison.Value);
    }

    private static ParseException Invalid(string filter, string what) => ParseException.Of(ParserLimits.Filter, filter, what);
}
