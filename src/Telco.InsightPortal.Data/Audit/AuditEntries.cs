using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>Seals what was done into the next <see cref="AuditEntry"/> of the chain. The entry's shape and hash live in
/// Core (the offline verifier shares them); how an actor and an event become an entry is the store's.</summary>
public static class AuditEntries
{
    extension(AuditEntry)
    {
        /// <summary>Builds the entry for <paramref name="seq"/> after <paramref name="prevHash"/> and seals it with its hash.</summary>
        public static AuditEntry Create(long seq, DateTimeOffset at, AuditActor actor, AuditEvent e, string prevHash) => Seal(seq, at, actor, e, prevHash);
    }

    private static AuditEntry Seal(long seq, DateTimeOffset at, AuditActor actor, AuditEvent e, string prevHash)
    {
        var entry = new AuditEntry
        {
            Seq = seq,
            At = AuditHash.Truncate(at),
            Actor = Clip(actor.Name, 256)!,
            SourceIp = Clip(actor.SourceIp, 64),
            UserAgent = Clip(actor.UserAgent, 512),
            Action = e.Action,
            TargetType = e.TargetType,
            TargetId = Clip(e.TargetId, 512),
            Outcome = e.Outcome,
            Details = AuditJson.Canonical(e.Details),
            CorrelationId = Clip(actor.CorrelationId, 128),
            PrevHash = prevHash,
        };
        return entry with { Hash = AuditHash.Compute(entry) };
    }

    // Request headers are attacker-sized; an entry stays small enough to page through.
    private static string? Clip(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
