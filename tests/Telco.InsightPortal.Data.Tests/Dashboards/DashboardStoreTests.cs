using Dapper;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>Dashboards in the store (migration 0015): every save is a version, a stale save is refused, restore makes a
/// new version, shares are replaced whole, and each change is audited in its transaction.</summary>
public sealed class DashboardStoreTests
{
    private static readonly AuditActor Ana = new("ana");
    private static readonly AuditActor Rita = new("rita");

    private const string Spec = """{"version":1,"source":{"kind":"snapshot","dataset":"telco","snapshot":"latest"},"type":"bar","x":{"field":"Contract"}}""";

    private static DashboardDraft Draft(string name, int charts, int? baseVersion = null) =>
        DashboardDocumentParser.ParseDraft($$"""
            {"name":"{{name}}","version":{{(baseVersion is null ? "null" : baseVersion.ToString())}},
             "charts":[{{string.Join(",", Enumerable.Range(1, charts).Select(i => $$"""{"title":"Chart {{i}}","spec":{{Spec}}}"""))}}],
             "texts":[{"markdown":"# Notes"}],"filters":[{"field":"Contract","values":["Two year"]}]}
            """);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EverySaveIsAVersionAndAStaleSaveIsRefused(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var dashboards = new DashboardStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);

        Assert.Empty(await dashboards.ListAsync());
        Assert.Empty(await dashboards.SharesAsync());
        var created = await dashboards.CreateAsync(Draft("Churn", 1), Ana);
        var updated = await dashboards.UpdateAsync(created.Id, Draft("Churn by contract", 2, baseVersion: 1), Rita);
        var stale = await Assert.ThrowsAsync<PortalException>(() => dashboards.UpdateAsync(created.Id, Draft("Mine", 3, baseVersion: 1), Ana));
        var (read, shares) = (await dashboards.GetAsync(created.Id))!.Value;

        Assert.Equal((1L, "ana"), (created.Version, created.Owner));
        Assert.Equal((2L, "Churn by contract", "rita", "ana"), (updated!.Version, updated.Name, updated.UpdatedBy, updated.Owner));
        Assert.Equal(ErrorKind.Conflict, stale.Kind);
        Assert.Contains("version 2 by rita", stale.Message);
        Assert.Equal(2, DashboardDocumentParser.ParseDocument(read.Body).Charts.Count);
        Assert.Empty(shares);
        Assert.Equal([2L, 1L], (await dashboards.VersionsAsync(created.Id)).Select(v => v.Version));
        Assert.Null(await dashboards.UpdateAsync(999, Draft("x", 1), Ana));
        Assert.Equal(["dashboard.create:ana", "dashboard.update:rita"], await AuditAsync(store));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RestoreSavesTheOldDocumentAsANewVersion(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var dashboards = new DashboardStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var created = await dashboards.CreateAsync(Draft("Churn", 1), Ana);
        await dashboards.UpdateAsync(created.Id, Draft("Renamed", 3), Ana);

        var restored = await dashboards.RestoreAsync(created.Id, 1, Rita);
        var versions = await dashboards.VersionsAsync(created.Id);

        Assert.Equal((3L, "Churn"), (restored!.Version, restored.Name));
        Assert.Single(DashboardDocumentParser.ParseDocument(restored.Body).Charts);
        Assert.Equal("restored from version 1", versions[0].Note);
        Assert.Null(await dashboards.RestoreAsync(created.Id, 42, Rita));
        Assert.Equal(3L, (await dashboards.GetAsync(created.Id))!.Value.Dashboard.Version);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SharesAreReplacedWholeAndDeleteRemovesEverything(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var dashboards = new DashboardStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var created = await dashboards.CreateAsync(Draft("Churn", 1), Ana);
        var other = await dashboards.CreateAsync(Draft("Other", 1), Rita);

        await dashboards.ShareAsync(created.Id, [new(DashboardShare.Role, "BusinessUser", DashboardAccess.Viewer), new(DashboardShare.User, "bella", DashboardAccess.Editor)], Ana);
        await dashboards.ShareAsync(created.Id, [new(DashboardShare.Role, "Analyst", DashboardAccess.Editor)], Ana);
        await dashboards.ShareAsync(other.Id, [new(DashboardShare.User, "bella", DashboardAccess.Viewer)], Rita);
        var shares = (await dashboards.GetAsync(created.Id))!.Value.Shares;
        var deleted = await dashboards.DeleteAsync(created.Id, Ana);

        Assert.Equal([new DashboardShare(DashboardShare.Role, "Analyst", DashboardAccess.Editor)], shares);
        Assert.True(deleted);
        Assert.Null(await dashboards.GetAsync(created.Id));
        Assert.Empty(await dashboards.VersionsAsync(created.Id));
        Assert.Equal(["Other"], (await dashboards.ListAsync()).Select(d => d.Name));
        Assert.Equal(["bella"], (await dashboards.SharesAsync())[other.Id].Select(s => s.Principal));
        Assert.False(await dashboards.DeleteAsync(created.Id, Ana));
        Assert.False(await dashboards.ShareAsync(created.Id, [], Ana));
        Assert.Contains("dashboard.delete:ana", await AuditAsync(store));
    }

    private static async Task<List<string>> AuditAsync(TestStore store)
    {
        await using var c = await store.Factory.OpenAsync();
        return (await c.QueryAsync<string>("SELECT action || ':' || actor FROM audit_entries WHERE action LIKE 'dashboard.%' AND action <> 'dashboard.share' ORDER BY seq")).AsList();
    }
}
