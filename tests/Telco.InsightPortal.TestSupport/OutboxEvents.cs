using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.TestSupport;

/// <summary>OpenLineage events in the outbox as the stores write them, one transaction each, for the jobs
/// <c>job/test-0</c>, <c>job/test-1</c>, ….</summary>
public static class OutboxEvents
{
    /// <summary>Adds <paramref name="count"/> START events; returns their ids in order.</summary>
    public static async Task<IReadOnlyList<long>> AddAsync(IConnectionFactory factory, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await using var write = await factory.BeginWriteAsync(ct);
            await OpenLineageOutbox.AddAsync(write.Connection, write.Transaction, new OpenLineageRunEvent(
                OpenLineageRunEvent.Start, Guid.NewGuid(), $"job/test-{i}", DateTimeOffset.FromUnixTimeMilliseconds(1_000 + i), [], []), ct);
            await write.CommitAsync(ct);
        }
        return (await new OpenLineageOutbox(factory).ListAsync(0, count, ct)).Select(e => e.Id).ToList();
    }
}
