using System.Text;
using Dapper;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Data.Filters;

/// <summary>Writes a checked filter tree as one SQL condition, the same text on both engines. The <c>and</c> / <c>or</c>
/// groups and their parentheses come from here; each comparison from the caller, which names its column or subquery
/// from its own whitelist and lets <see cref="Predicate"/> add the values as parameters.</summary>
internal static class FilterSql
{
    private static readonly Dictionary<string, string> SqlOperators = new()
    {
        [FilterOperators.Equal] = "=", [FilterOperators.NotEqual] = "<>", [FilterOperators.Less] = "<", [FilterOperators.LessOrEqual] = "<=",
        [FilterOperators.Greater] = ">", [FilterOperators.GreaterOrEqual] = ">=", [FilterOperators.Like] = "LIKE",
    };

    /// <param name="comparison">the SQL of one of the caller's comparisons, given its number (unique in the filter, for
    /// parameter names).</param>
    public static string Condition(FilterNode tree, Func<FilterNode, int, string> comparison)
    {
        var sql = new StringBuilder();
        var count = 0;
        Append(sql, tree, comparison, ref count);
        return sql.ToString();
    }

    /// <summary><c>column op @V{i}</c>; an IN list becomes one parameter per value, and ILIKE compares lower case, the
    /// same on both engines. Values are never part of the SQL text.</summary>
    public static string Predicate(DynamicParameters parameters, string column, string op, object value, int i)
    {
        if (value is IReadOnlyList<object> values)
        {
            var names = new string[values.Count];
            for (var j = 0; j < values.Count; j++)
            {
                names[j] = $"@V{i}_{j}";
                parameters.Add(names[j][1..], values[j]);
            }
            return $"{column} {(op == FilterOperators.NotIn ? "NOT IN" : "IN")} ({string.Join(", ", names)})";
        }
        parameters.Add($"V{i}", value);
        return op == FilterOperators.ILike ? $"LOWER({column}) LIKE LOWER(@V{i})" : $"{column} {SqlOperators[op]} @V{i}";
    }

    // Recursion follows the tree, which the parser keeps within ParserLimits.Filter.MaxDepth levels of parentheses.
    private static void Append(StringBuilder sql, FilterNode node, Func<FilterNode, int, string> comparison, ref int count)
    {
        var (terms, joiner) = node switch
        {
            FilterAll all => (all.Terms, " AND "),
            FilterAny any => (any.Terms, " OR "),
            _ => (null, null),
        };
        if (terms is null)
        {
            sql.Append(comparison(node, count++));
            return;
        }
        sql.Append('(');
        for (var t = 0; t < terms.Count; t++)
        {
            if (t > 0) sql.Append(joiner);
            Append(sql, terms[t], comparison, ref count);
        }
        sql.Append(')');
    }
}
