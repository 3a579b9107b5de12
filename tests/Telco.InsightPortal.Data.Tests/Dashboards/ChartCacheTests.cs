using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>A snapshot never changes, so a chart over it is queried once: again, under "latest", with another title
/// or key order, the answer comes from memory.</summary>
public sealed class ChartCacheTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheSameChartOverTheSameSnapshotIsQueriedOnce(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        const string body = "\"type\":\"bar\",\"x\":{\"field\":\"Contract\"},\"measures\":[{\"agg\":\"count\"}]";

        var first = await s.RunAsync(Spec(body));
        var again = await s.RunAsync(Spec(body));
        var fixedId = await s.RunAsync(Spec(body + ",\"title\":\"Renamed\"", s.SnapshotId.ToString()));
        var reordered = await s.RunAsync(
            $$"""{"measures":[{"agg":"count"}],"x":{"field":"Contract"},"type":"bar","source":{"snapshot":"latest","dataset":"{{Dataset}}","kind":"snapshot"},"version":1}""");

        Assert.Equal(1, s.Charts.QueriesRun);
        Assert.Same(first, again);
        Assert.Same(first, fixedId);
        Assert.Same(first, reordered);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ADifferentChartOrANewSnapshotIsQueriedAgain(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        const string body = "\"type\":\"kpi\",\"measures\":[{\"agg\":\"count\"}]";

        await s.RunAsync(Spec(body));
        await s.RunAsync(Spec("\"type\":\"kpi\",\"measures\":[{\"field\":\"tenure\",\"agg\":\"sum\"}]"));
        await s.Store.IngestAsync(Dataset, Csv.Split('\n')[0] + "\nA-7,Two year,3,10,No,2024-03-01T00:00:00Z,east");
        var after = await s.RunAsync(Spec(body));

        Assert.Equal(3, s.Charts.QueriesRun);
        Assert.Equal([[7L]], after.Rows);
    }

    [Fact]
    public async Task TheCacheKeepsAtMostItsCapacity()
    {
        await using var s = await CreateAsync(StoreProvider.Sqlite, new ChartQueryOptions { CacheEntries = 1 });
        var count = Spec("\"type\":\"kpi\",\"measures\":[{\"agg\":\"count\"}]");
        var sum = Spec("\"type\":\"kpi\",\"measures\":[{\"field\":\"tenure\",\"agg\":\"sum\"}]");

        await s.RunAsync(count);
        await s.RunAsync(sum);
        await s.RunAsync(count);

        Assert.Equal(3, s.Charts.QueriesRun);
    }
}
