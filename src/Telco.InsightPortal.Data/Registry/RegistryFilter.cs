using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>
/// MLflow's registry search filter, the part clients use: <c>name = 'x'</c>, <c>name LIKE 'churn%'</c>, <c>name ILIKE</c>,
/// <c>run_id = '…'</c>, <c>tags.key = 'v'</c>, joined by AND. Columns come from a whitelist and every value is a parameter.
/// </summary>
public static partial class RegistryFilter
{
    public sealed record Sql(string Where, DynamicParameters Parameters);

    /// <param name="columns">attribute → SQL column (e.g. name → m.name).</param>
    /// <param name="tagTable">the table holding tags, joined per tag clause: (alias) → EXISTS subquery text with {0} for the alias.</param>
    public static Sql Parse(string? filter, IReadOnlyDictionary<string, string> columns, string tagExists)
    {
        var parameters = new DynamicParameters();
        if (string.IsNullOrWhiteSpace(filter)) return new Sql("", parameters);
        var where = new StringBuilder();
        var clauses = AndSplit().Split(filter.Trim());
        for (var i = 0; i < clauses.Length; i++)
        {
            var m = Clause().Match(clauses[i]);
            if (!m.Success)
                throw TrackingException.Invalid($"Invalid filter '{clauses[i].Trim()}': use <attribute> <=|!=|LIKE|ILIKE> '<value>', joined by AND.");
            var key = m.Groups["key"].Value;
            var op = m.Groups["op"].Value.ToUpperInvariant();
            var value = m.Groups["value"].Value;
            var p = "@f" + i;
            parameters.Add("f" + i, value);
            string condition;
            if (key.StartsWith("tags.", StringComparison.OrdinalIgnoreCase))
            {
                parameters.Add("k" + i, key[5..].Trim('`', '"'));
                condition = string.Format(System.Globalization.CultureInfo.InvariantCulture, tagExists, "@k" + i, Compare("t.value", op, p));
            }
            else if (columns.TryGetValue(key.ToLowerInvariant(), out var column))
            {
                condition = Compare(column, op, p);
            }
            else
            {
                throw TrackingException.Invalid($"Invalid filter attribute '{key}': use one of {string.Join(", ", columns.Keys)} or tags.<key>.");
            }
            where.Append(i == 0 ? " WHERE " : " AND ").Append(condition);
        }
        return new Sql(where.ToString(), parameters);
    }

    private static string Compare(string column, string op, string parameter) => op switch
    {
        "=" => $"{column} = {parameter}",
        "!=" => $"{column} <> {parameter}",
        "LIKE" => $"{column} LIKE {parameter}",
        _ => $"LOWER({column}) LIKE LOWER({parameter})",
    };

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_]+|tags\.[A-Za-z0-9_.\-]+|tags\.`[^`]+`)\s*(?<op>=|!=|(?i:ILIKE|LIKE))\s*(?<q>['""])(?<value>[^'""]*)\k<q>\s*$")]
    private static partial Regex Clause();
}
