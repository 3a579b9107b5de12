using System.Text;
using Dapper;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>Builds the run search query from parsed clauses. Every fragment added here is a constant of this
/// class or a whitelisted column; keys and values travel as parameters.</summary>
internal static class RunSearchSql
{
    private static readonly Dictionary<string, string> AttributeColumns = new()
    {
        ["status"] = "r.status", ["run_name"] = "r.run_name", ["run_id"] = "r.run_id", ["user_id"] = "r.user_id",
        ["lifecycle_stage"] = "r.lifecycle_stage", ["start_time"] = "r.start_time", ["end_time"] = "r.end_time",
    };

    private static readonly Dictionary<string, string> Operators = new()
    {
        ["="] = "=", ["!="] = "<>", ["<"] = "<", ["<="] = "<=", [">"] = ">", [">="] = ">=",
    };

    public static (string Sql, DynamicParameters Parameters) Build(IReadOnlyCollection<long> experimentIds, ViewType view,
        FilterNode? filter, IReadOnlyList<OrderClause> orderBy, int limit, long offset)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ExperimentIds", experimentIds);
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        var sql = new StringBuilder("SELECT " + TrackingSql.RunColumns + " FROM runs r WHERE r.experiment_id IN @ExperimentIds ");
        sql.Append(view switch
        {
            ViewType.ActiveOnly => " AND r.lifecycle_stage = 'active'",
            ViewType.DeletedOnly => " AND r.lifecycle_stage = 'deleted'",
            _ => "",
        });
        if (filter is not null)
        {
            var clauses = 0;
            sql.Append(" AND ");
            Append(sql, parameters, filter, ref clauses);
        }
        sql.Append(" ORDER BY ");
        for (var i = 0; i < orderBy.Count; i++)
        {
            var clause = orderBy[i];
            parameters.Add($"O{i}", clause.Key);
            var expression = clause.Entity switch
            {
                FilterEntity.Metric => $"(SELECT m.value FROM run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = @O{i})",
                FilterEntity.Param => $"(SELECT p.value FROM run_params p WHERE p.run_id = r.run_id AND p.key = @O{i})",
                FilterEntity.Tag => $"(SELECT t.value FROM run_tags t WHERE t.run_id = r.run_id AND t.key = @O{i})",
                _ => AttributeColumns[clause.Key],
            };
            // As in MLflow, runs without the value come last in either direction; the engines disagree on where nulls sort.
            sql.Append($"CASE WHEN {expression} IS NULL THEN 1 ELSE 0 END, {expression} {(clause.Ascending ? "ASC" : "DESC")}, ");
        }
        sql.Append("r.start_time DESC, r.run_id LIMIT @Limit OFFSET @Offset");
        return (sql.ToString(), parameters);
    }

    private static void Append(StringBuilder sql, DynamicParameters parameters, FilterNode node, ref int clauses)
    {
        switch (node)
        {
            case FilterAll all:
                AppendTerms(sql, parameters, all.Terms, " AND ", ref clauses);
                break;
            case FilterAny any:
                AppendTerms(sql, parameters, any.Terms, " OR ", ref clauses);
                break;
            case FilterClause clause:
                sql.Append(Comparison(parameters, clause, clauses++));
                break;
        }
    }

    private static void AppendTerms(StringBuilder sql, DynamicParameters parameters, IReadOnlyList<FilterNode> terms, string joiner, ref int clauses)
    {
        sql.Append('(');
        for (var t = 0; t < terms.Count; t++)
        {
            if (t > 0) sql.Append(joiner);
            Append(sql, parameters, terms[t], ref clauses);
        }
        sql.Append(')');
    }

    /// <summary>One comparison; an IN list becomes one parameter per value, the same SQL on both engines.</summary>
    private static string Comparison(DynamicParameters parameters, FilterClause clause, int i)
    {
        parameters.Add($"K{i}", clause.Key);
        string predicate;
        if (clause.Value is IReadOnlyList<object> values)
        {
            var names = new List<string>();
            for (var j = 0; j < values.Count; j++)
            {
                parameters.Add($"V{i}_{j}", values[j]);
                names.Add($"@V{i}_{j}");
            }
            predicate = $"{(clause.Operator == RunFilter.NotIn ? "NOT IN" : "IN")} ({string.Join(", ", names)})";
        }
        else
        {
            parameters.Add($"V{i}", clause.Value);
            predicate = $"{Operators[clause.Operator]} @V{i}";
        }
        return clause.Entity switch
        {
            FilterEntity.Metric => $"EXISTS (SELECT 1 FROM run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = @K{i} AND m.value {predicate})",
            FilterEntity.Param => $"EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.run_id AND p.key = @K{i} AND p.value {predicate})",
            FilterEntity.Tag => $"EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.run_id AND t.key = @K{i} AND t.value {predicate})",
            _ => $"{AttributeColumns[clause.Key]} {predicate}",
        };
    }
}
