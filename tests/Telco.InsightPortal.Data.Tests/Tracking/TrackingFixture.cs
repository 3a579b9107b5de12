using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Tracking;

/// <summary>A migrated store with the tracking store and audit trail over it.</summary>
internal sealed class TrackingFixture(TestStore store) : IAsyncDisposable
{
    public static readonly AuditActor Scientist = new("scientist");

    public TestStore Store { get; } = store;

    public TrackingStore Tracking { get; } = new(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);

    public static async Task<TrackingFixture> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    public async Task<string> NewRunAsync(long experimentId, string name) =>
        (await Tracking.CreateRunAsync(experimentId, "scientist", name, null, [], Scientist)).Info.RunId;

    public async Task<IReadOnlyList<string>> AuditActionsAsync()
    {
        await using var connection = await Store.Factory.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT action FROM audit_entries ORDER BY seq")).ToList();
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
