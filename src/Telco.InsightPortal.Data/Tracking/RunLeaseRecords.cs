using System.Text.Json;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Tracking;

/// <summary>A queued run of the embedded trainer that this instance has just claimed: what to train (the trainer's own
/// JSON, opaque to the store) and who queued it (the actor of its status changes).</summary>
public sealed record ClaimedRun(string RunId, string Request, AuditActor QueuedBy);

/// <summary>A run's lease as the store has it now; <see cref="ExpiresAt"/> is on the store's clock.</summary>
public sealed record RunLease(string RunId, string Status, string? Owner, long? ExpiresAt, AuditActor? CancelRequestedBy);

/// <summary>A run this instance trains, whose lease it holds, and who asked to cancel it (null: nobody).</summary>
public sealed record HeldRun(string RunId, AuditActor? CancelRequestedBy);

/// <summary>A run failed because the instance that owned it stopped renewing its lease; <see cref="Error"/> is its
/// <c>error</c> tag.</summary>
public sealed record ExpiredRun(string RunId, string Owner, string Error);

public enum CancelRequestOutcome
{
    /// <summary>The run was still queued: it is KILLED now, and no instance will claim it.</summary>
    Killed,

    /// <summary>The run trains: the request is recorded for its owner, which ends it KILLED.</summary>
    Requested,

    /// <summary>Someone asked before, or the run waits for its owner's lease to expire.</summary>
    Pending,

    /// <summary>The run has ended (<see cref="CancelRequestResult.Status"/>); there is nothing to cancel.</summary>
    Ended,
}

public sealed record CancelRequestResult(CancelRequestOutcome Outcome, string Status, string? Owner);

/// <summary>Audit actors as the store keeps them beside a run (who queued it, who asked to cancel it).</summary>
internal static class ActorJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(AuditActor actor) => JsonSerializer.Serialize(actor, Options);

    public static AuditActor? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<AuditActor>(json, Options);
}
