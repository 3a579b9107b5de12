using Dapper;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Deployments;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Apps;

/// <summary>App bindings (migration 0013): one per app, rebinding replaces it, each change audited with the change.</summary>
public sealed class AppBindingStoreTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task BindingRebindingAndUnbindingAreKeptOnePerAppAndAudited(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var audit = new AuditTrail(store.Factory, TimeProvider.System);
        var deployments = new DeploymentStore(store.Factory, audit, TimeProvider.System);
        await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(DeploymentStoreTests.V1, 100)], new NewKey("default", "h1", "tsk_1"), DeploymentStoreTests.Scientist);
        await deployments.CreateAsync("churn-2", 1, [DeploymentTarget.Of(DeploymentStoreTests.V1, 100)], new NewKey("default", "h2", "tsk_2"), DeploymentStoreTests.Scientist);
        var bindings = new AppBindingStore(store.Factory, audit, TimeProvider.System);
        var dora = new AuditActor("dora");

        var first = await bindings.BindAsync("churn-explorer", "churn", dora);
        var rebound = await bindings.BindAsync("churn-explorer", "churn-2", dora);
        await bindings.BindAsync("roi", "churn", dora);
        var listed = await bindings.ListAsync();
        var unbound = await bindings.UnbindAsync("roi", dora);
        var again = await bindings.UnbindAsync("roi", dora);

        Assert.Equal("churn", first!.Deployment);
        Assert.Equal(("churn-2", "dora"), (rebound!.Deployment, rebound.BoundBy));
        Assert.Equal([("churn-explorer", "churn-2"), ("roi", "churn")], listed.Select(b => (b.AppId, b.Deployment)));
        Assert.True(unbound);
        Assert.False(again);
        Assert.Null(await bindings.GetAsync("roi"));
        await using var c = await store.Factory.OpenAsync();
        var actions = (await c.QueryAsync<string>("SELECT action FROM audit_entries WHERE target_type = 'app' ORDER BY seq")).ToList();
        Assert.Equal(["app.bind", "app.bind", "app.bind", "app.unbind"], actions);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task BindingToAMissingDeploymentWritesNothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var audit = new AuditTrail(store.Factory, TimeProvider.System);
        var bindings = new AppBindingStore(store.Factory, audit, TimeProvider.System);

        var bound = await bindings.BindAsync("roi", "nowhere", new AuditActor("dora"));

        Assert.Null(bound);
        Assert.Empty(await bindings.ListAsync());
        await using var c = await store.Factory.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE target_type = 'app'"));
    }
}
