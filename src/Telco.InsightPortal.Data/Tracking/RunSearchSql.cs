using System.Text;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Filters;
using Telco.InsightPortal.Data.Store;

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

    // The experiment ids travel as one parameter however many a client sends: a JSON array that SQLite unpacks, an
    // array on PostgreSQL. A list would take one parameter each, and SQLite refuses more than 32,766.
    private const string SqliteExperiments = "SELECT " + TrackingSql.RunColumns + " FROM runs r WHERE r.experiment_id IN (SELECT value FROM json_each(@ExperimentIds))";
    private const string PostgresExperiments = "SELECT " + TrackingSql.RunColumns + " FROM runs r WHERE r.experiment_id = ANY(@ExperimentIds)";

    public static (string Sql, DynamicParameters Parameters) Build(StoreProvider provider, IReadOnlyCollection<long> experimentIds, ViewType view,
        FilterNode? filter, IReadOnlyList<OrderClause> orderBy, int limit, long offset)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ExperimentIds", provider == StoreProvider.Postgres ? experimentIds.ToArray() : JsonSerializer.Serialize(experimentIds));
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        var sql = new StringBuilder(provider == StoreProvider.Postgres ? PostgresExperiments : SqliteExperiments);
        sql.Append(view switch
        {
            ViewType.ActiveOnly => " AND r.lifecycle_stage = 'active'",
            ViewType.DeletedOnly => " AND r.lifecycle_stage = 'deleted'",
            _ => "",
        });
        if (filter is not null) sql.Append(" AND ").Append(FilterSql.Condition(filter, (clause, i) => Comparison(parameters, (FilterClause)clause, i)));
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

    private static string Comparison(DynamicParameters parameters, FilterClause clause, int i)
    {
        if (clause.Entity == FilterEntity.Attribute) return FilterSql.Predicate(parameters, AttributeColumns[clause.Key], clause.Operator, clause.Value, i);
        parameters.Add($"K{i}", clause.Key);
        return clause.Entity switch
        {
            FilterEntity.Metric => $"EXISTS (SELECT 1 FROM run_latest_metrics m WHERE m.run_id = r.run_id AND m.key = @K{i} AND {FilterSql.Predicate(parameters, "m.value", clause.Operator, clause.Value, i)})",
            FilterEntity.Param => $"EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.run_id AND p.key = @K{i} AND {FilterSql.Predicate(parameters, "p.value", clause.Operator, clause.Value, i)})",
            _ => $"EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.run_id AND t.key = @K{i} AND {FilterSql.Predicate(parameters, "t.value", clause.Operator, clause.Value, i)})",
        };
    }
}
