using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>The store-backed audit trail: each entry takes the next sequence number and the previous hash
/// from <c>audit_head</c> inside the caller's transaction, so entries are gapless, chained, and commit
/// (or roll back) with the change they record.</summary>
public sealed class AuditTrail(IConnectionFactory factory, TimeProvider clock) : IAuditTrail
{
    public void Append(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry)
    {
        var (seq, prevHash) = connection.QuerySingle<(long, string)>(AuditSql.AdvanceHead, transaction: transaction);
        // The time is taken under the head lock, so times never go backwards along the chain of one clock.
        var record = AuditEntry.Create(seq, clock.GetUtcNow(), actor, entry, prevHash);
        connection.Execute(AuditSql.Insert, record, transaction);
        connection.Execute(AuditSql.SetHeadHash, new { record.Hash }, transaction);
    }

    public Task AppendAsync(AuditActor actor, AuditEvent entry, CancellationToken ct = default) => Task.Run(() =>
    {
        // ADO.NET over SQLite is synchronous underneath, as in SnapshotWriter.
        using var connection = factory.Open();
        using var tx = StoreTransactions.BeginWrite(connection);
        Append(connection, tx, actor, entry);
        tx.Commit();
    }, ct);
}
