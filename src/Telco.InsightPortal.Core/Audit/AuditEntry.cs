namespace Telco.InsightPortal.Core.Audit;

/// <summary>One stored audit entry, exactly as its hash covers it. It lives in Core so that the offline verifier
/// reads and hashes entries with the very code the portal writes them with.</summary>
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
    /// <summary>Canonical JSON (written by the store's <c>AuditJson</c>), or null.</summary>
    public string? Details { get; init; }
    public string? CorrelationId { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";
}
