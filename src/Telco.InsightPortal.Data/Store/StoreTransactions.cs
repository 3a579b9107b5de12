using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Telco.InsightPortal.Data.Store;

public static class StoreTransactions
{
    /// <summary>A transaction that will write. On SQLite it is BEGIN IMMEDIATE: taking the write lock up front
    /// avoids the deadlock of two readers that both try to upgrade.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();
}
