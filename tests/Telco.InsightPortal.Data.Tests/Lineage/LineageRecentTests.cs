using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>The places the graph page offers to start from: deployments and model versions, newest edge first.</summary>
public sealed class LineageRecentTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RecentDeploymentsAndVersionsComeNewestFirstAndNothingElse(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // Each edge is a little newer than the one before it.
        await new LineageEdges()
            .Add("snapshot/1", TrainedOn, "run/run-a")
            .Add("run/run-a", RegisteredAs, "model-version/churn/1")
            .Add("model-version/churn/1", DeployedAs, "deployment/churn-a")
            .Add("run/run-a", RegisteredAs, "model-version/churn/2")
            .Add("person/carol", ApprovedBy, "model-version/churn/1", "carol")
            .Add("deployment/churn-a", BoundTo, "app/roi")
            .WriteAsync(store.Factory);
        var lineage = new LineageStore(store.Factory, new LineageOptions());

        var recent = await lineage.RecentAsync(10, TestContext.Current.CancellationToken);
        var firstTwo = await lineage.RecentAsync(2, TestContext.Current.CancellationToken);

        Assert.Equal(["model-version/churn/1", "model-version/churn/2", "deployment/churn-a"], recent.Select(n => n.Key));
        Assert.Equal(2, firstTwo.Count);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AStoreWithoutLineageOffersNothing(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var recent = await new LineageStore(store.Factory, new LineageOptions()).RecentAsync(5, TestContext.Current.CancellationToken);

        Assert.Empty(recent);
    }
}
