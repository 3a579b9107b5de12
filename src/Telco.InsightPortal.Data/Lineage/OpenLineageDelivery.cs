using Dapper;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Lineage.OpenLineageDeliverySql;
using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// What the OpenLineage sender needs of the outbox: a lease so one sender at a time delivers (in the order events were
/// written), the pending events from the oldest, and a mark per event as it is delivered, failed or refused. Nothing
/// is ever deleted: an unreachable endpoint only makes the queue wait.
/// </summary>
public sealed class OpenLineageDelivery(IConnectionFactory factory)
{
    /// <summary>Takes or renews the sender's lease until <paramref name="until"/>; false while another owner holds an
    /// unexpired one. Times are Unix milliseconds.</summary>
    public async Task<bool> TryLeaseAsync(string owner, long now, long until, CancellationToken ct = default)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var taken = await write.Connection.ExecuteAsync(Command(Lease, new { Owner = owner, Now = now, Until = until }, write.Transaction, ct)) == 1;
        await write.CommitAsync(ct);
        return taken;
    }

    public Task ReleaseAsync(string owner, CancellationToken ct = default) => ExecuteAsync(Release, new { Owner = owner }, ct);

    /// <summary>Undelivered events from the oldest, refused ones left out.</summary>
    public async Task<IReadOnlyList<PendingEvent>> PendingAsync(int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<PendingEvent>(Command(Pending, new { Limit = limit }, null, ct))).AsList();
    }

    public Task MarkSentAsync(long id, long at, CancellationToken ct = default) => ExecuteAsync(Sent, new { Id = id, At = at }, ct);

    public Task MarkFailedAsync(long id, string error, long nextAttemptAt, CancellationToken ct = default) =>
        ExecuteAsync(Failed, new { Id = id, Error = Clip(error), NextAttemptAt = nextAttemptAt }, ct);

    public Task MarkRejectedAsync(long id, string error, long at, CancellationToken ct = default) =>
        ExecuteAsync(Rejected, new { Id = id, Error = Clip(error), At = at }, ct);

    public async Task<OutboxStatus> StatusAsync(CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        var status = await c.QuerySingleAsync<OutboxStatus>(Command(Status, null, null, ct));
        var head = await c.QuerySingleOrDefaultAsync<PendingEvent>(Command(HeadError, null, null, ct));
        return head is { Attempts: > 0 } ? status with { Head = head } : status;
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(Command(sql, parameters, write.Transaction, ct));
        await write.CommitAsync(ct);
    }

    // An endpoint's answer is stored as the reason; a page of HTML from a proxy is not worth keeping whole.
    private static string Clip(string error) => error.Length <= 500 ? error : error[..500] + "…";
}

/// <summary>An undelivered event; <see cref="NextAttemptAt"/> is set once a delivery failed.</summary>
public sealed record PendingEvent
{
    public long Id { get; init; }
    public string Body { get; init; } = "";
    public long Attempts { get; init; }
    public long? NextAttemptAt { get; init; }
    public string? LastError { get; init; }
}

/// <summary>How far delivery has got: counts, the oldest waiting event's time, and the failing head of the queue when
/// there is one.</summary>
public sealed record OutboxStatus
{
    public long Sent { get; init; }
    public long Pending { get; init; }
    public long Rejected { get; init; }
    public long? OldestPendingAt { get; init; }
    public long? LastSentAt { get; init; }
    public PendingEvent? Head { get; init; }
}
