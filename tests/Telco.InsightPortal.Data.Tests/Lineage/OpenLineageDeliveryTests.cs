using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>The sender's side of the outbox on both stores: one lease holder at a time, pending events oldest first,
/// and marks that keep a failed event at the head and set a refused one aside without deleting anything.</summary>
public sealed class OpenLineageDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OneSenderHoldsTheLeaseUntilItExpiresOrIsReleased(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var delivery = new OpenLineageDelivery(store.Factory);

        Assert.True(await delivery.TryLeaseAsync("a", now: 1_000, until: 2_000, Ct));
        Assert.False(await delivery.TryLeaseAsync("b", now: 1_500, until: 2_500, Ct));
        Assert.True(await delivery.TryLeaseAsync("a", now: 1_900, until: 3_000, Ct));
        Assert.False(await delivery.TryLeaseAsync("b", now: 2_999, until: 4_000, Ct));
        Assert.True(await delivery.TryLeaseAsync("b", now: 3_001, until: 4_000, Ct));
        await delivery.ReleaseAsync("a", Ct);
        Assert.False(await delivery.TryLeaseAsync("a", now: 3_100, until: 4_100, Ct));
        await delivery.ReleaseAsync("b", Ct);
        Assert.True(await delivery.TryLeaseAsync("a", now: 3_200, until: 4_200, Ct));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task MarksKeepAFailedEventAtTheHeadAndSetARefusedOneAside(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var ids = await AddEventsAsync(store.Factory, 4);
        var delivery = new OpenLineageDelivery(store.Factory);

        await delivery.MarkSentAsync(ids[0], 10, Ct);
        await delivery.MarkRejectedAsync(ids[1], "HTTP 400 Bad Request: bad facet", 11, Ct);
        await delivery.MarkFailedAsync(ids[2], "Connection refused", 5_000, Ct);
        await delivery.MarkFailedAsync(ids[2], new string('x', 2_000), 9_000, Ct);

        var pending = await delivery.PendingAsync(10, Ct);
        Assert.Equal([ids[2], ids[3]], pending.Select(e => e.Id));
        Assert.Equal((2L, 9_000L), (pending[0].Attempts, pending[0].NextAttemptAt!.Value));
        Assert.Contains("\"job/test-2\"", pending[0].Body);
        var status = await delivery.StatusAsync(Ct);
        Assert.Equal((1L, 2L, 1L, 10L), (status.Sent, status.Pending, status.Rejected, status.LastSentAt!.Value));
        Assert.Equal(ids[2], status.Head!.Id);
        Assert.Equal(501, status.Head.LastError!.Length);
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], (await new OpenLineageOutbox(store.Factory).ListAsync(0, 10, Ct)).Select(e => e.Id));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnEmptyOutboxHasNoHeadAndNothingPending(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var delivery = new OpenLineageDelivery(store.Factory);

        var status = await delivery.StatusAsync(Ct);

        Assert.Equal((0L, 0L, 0L, null, null), (status.Sent, status.Pending, status.Rejected, status.OldestPendingAt, status.Head));
        Assert.Empty(await delivery.PendingAsync(10, Ct));
    }

    private static Task<IReadOnlyList<long>> AddEventsAsync(IConnectionFactory factory, int count) => OutboxEvents.AddAsync(factory, count, Ct);
}
