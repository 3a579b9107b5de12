namespace Telco.InsightPortal.Data.Store;

/// <summary>Where the two dialects need different SQL for the same parameters.</summary>
public static class ProviderSql
{
    /// <summary>Dapper expands a list parameter into (@a, @b) for SQLite but sends it whole, as an array, to Npgsql,
    /// which needs <c>= ANY(@Ids)</c>. Only the exact token <c> IN @Ids </c> is rewritten.</summary>
    public static string InList(StoreProvider provider, string sql) =>
        provider == StoreProvider.Postgres ? sql.Replace(" IN @Ids ", " = ANY(@Ids) ", StringComparison.Ordinal) : sql;
}
