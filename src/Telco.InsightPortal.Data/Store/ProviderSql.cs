using System.Text.RegularExpressions;

namespace Telco.InsightPortal.Data.Store;

/// <summary>Where the two dialects need different SQL for the same parameters.</summary>
public static partial class ProviderSql
{
    /// <summary>Dapper expands a list parameter into (@a, @b) for SQLite but sends it whole, as an array, to Npgsql,
    /// which needs <c>= ANY(@Ids)</c>. Only the exact token <c> IN @Name </c> is rewritten.</summary>
    public static string InList(StoreProvider provider, string sql) =>
        provider == StoreProvider.Postgres ? InParameter().Replace(sql, " = ANY(@$1) ") : sql;

    [GeneratedRegex(@" IN @(\w+) ")]
    private static partial Regex InParameter();
}
