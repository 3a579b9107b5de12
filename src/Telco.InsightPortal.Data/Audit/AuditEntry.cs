namespace Telco.InsightPortal.Data.Audit;

/// <summary>One stored audit entry, exactly as its hash covers it.</summary>
public sealed record AuditEntry
{
    public long Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
    public string Action { get; init; } = "";
    public string TargetType { get; init; } = "";
    public string? TargetId { get; init; }
    public string Outcome { get; init; } = "";
    /// <summary>Canonical JSON (see <see cref="AuditJson"/>), or null.</summary>
    public string? Details { get; init; }
    public string? CorrelationId { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";

    /// <summary>Builds the entry for <paramref name="seq"/> after <paramref name="prevHash"/> and seals it with its hash.</summary>
    public static AuditEntry Create(long seq, DateTimeOffset at, AuditActor actor, AuditEvent e, string prevHash)
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
