using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Audit;
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

    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry, CancellationToken ct = default)
    {
        var (seq, prevHash) = await connection.QuerySingleAsync<(long, string)>(new CommandDefinition(AuditSql.AdvanceHead, null, transaction, cancellationToken: ct));
        var record = AuditEntry.Create(seq, clock.GetUtcNow(), actor, entry, prevHash);
        await connection.ExecuteAsync(new CommandDefinition(AuditSql.Insert, record, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(AuditSql.SetHeadHash, new { record.Hash }, transaction, cancellationToken: ct));
    }

    public async Task AppendAsync(AuditActor actor, AuditEvent entry, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        await AppendAsync(write.Connection, write.Transaction, actor, entry, ct);
        await write.CommitAsync(ct);
    }
}
