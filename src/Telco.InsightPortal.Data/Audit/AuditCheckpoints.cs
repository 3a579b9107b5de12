using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Audit;

public sealed record AuditCheckpoint
{
    public long Id { get; init; }
    public long Seq { get; init; }
    public string Hash { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string KeyId { get; init; } = "";
    public string Signature { get; init; } = "";
}

/// <summary>Signs the current chain head into <c>audit_checkpoints</c>. A later truncation of the chain
/// below a checkpoint, or a rewrite of any entry it covers, no longer matches the signed hash.</summary>
public sealed class AuditCheckpoints(IConnectionFactory factory, CheckpointKey key, TimeProvider clock)
{
    /// <summary>Writes a checkpoint of the last entry, unless the chain is empty or already checkpointed there.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var heads = (await connection.QueryAsync<(long Seq, string Hash)>(
            new CommandDefinition(AuditSql.LastEntry, transaction: tx, cancellationToken: ct))).ToList();
        if (heads is not [var last]) return null;
        var previous = await connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(AuditSql.LastCheckpointSeq, transaction: tx, cancellationToken: ct));
        if (previous == last.Seq) return null;
        var at = AuditHash.Truncate(clock.GetUtcNow());
        var checkpoint = new AuditCheckpoint
        {
            Seq = last.Seq, Hash = last.Hash, At = at, KeyId = key.Id, Signature = key.Sign(last.Seq, last.Hash, at),
        };
        await connection.ExecuteAsync(new CommandDefinition(AuditSql.InsertCheckpoint, checkpoint, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return checkpoint;
    }
}
