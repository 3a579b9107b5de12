using System.Data.Common;
using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>Who did something, and from where.</summary>
public sealed record AuditActor(string Name, string? SourceIp = null, string? UserAgent = null, string? CorrelationId = null)
{
    public static readonly AuditActor System = new("system");

    public static AuditActor From(Who who) => new(who.Name, who.SourceIp, who.UserAgent, who.CorrelationId);

    public Who ToWho() => new(Name, SourceIp, UserAgent, CorrelationId);
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

/// <summary>What was done: an action ("snapshot.commit", "user.signin"), its target and outcome, and
/// details that are serialised to canonical JSON.</summary>
public sealed record AuditEvent(string Action, string TargetType, string? TargetId, string Outcome = AuditOutcomes.Success, object? Details = null);

/// <summary>The append-only, hash-chained audit trail.</summary>
public interface IAuditTrail
{
    /// <summary>Appends inside the caller's transaction, so the change and its entry commit together or
    /// not at all. Throws when the entry cannot be written, which must abort the change.</summary>
    void Append(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry);

    /// <summary><see cref="Append"/> for asynchronous writers, which must not block a thread on the store.</summary>
    Task AppendAsync(DbConnection connection, DbTransaction transaction, AuditActor actor, AuditEvent entry, CancellationToken ct = default);

    /// <summary>Appends in a transaction of its own: for events that change nothing else (a failed sign-in).</summary>
    Task AppendAsync(AuditActor actor, AuditEvent entry, CancellationToken ct = default);
}
