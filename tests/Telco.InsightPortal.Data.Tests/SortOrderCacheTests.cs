using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Data.Tests;

public sealed class SortOrderCacheTests
{
    private static readonly SortOrderCache.Key First = new(1, 1, 0);
    private static readonly SortOrderCache.Key Second = new(1, 1, 1);
    private static readonly SortOrderCache.Key Third = new(1, 2, 0);

    [Fact]
    public async Task ReadersOfOneOrderShareOneBuild()
    {
        var cache = new SortOrderCache(maxRows: 100);
        var builds = 0;
        var release = new TaskCompletionSource();
        Func<Task<int[]>> build = async () =>
        {
            Interlocked.Increment(ref builds);
            await release.Task;
            return [2, 0, 1];
        };

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(First, 3, build)).ToList();
        release.SetResult();
        var orders = await Task.WhenAll(waiting);

        Assert.Equal(1, builds);
        Assert.All(orders, o => Assert.Same(orders[0], o));
    }

    [Fact]
    public async Task PastItsRowsTheLeastRecentlyUsedOrderGoes()
    {
        var cache = new SortOrderCache(maxRows: 100);
        var built = new List<SortOrderCache.Key>();
        Task<int[]> Get(SortOrderCache.Key key) => cache.GetAsync(key, 40, () =>
        {
            built.Add(key);
            return Task.FromResult(new int[40]);
        });

        await Get(First);
        await Get(Second);
        await Get(First);
        await Get(Third);
        await Get(First);
        await Get(Second);

        Assert.Equal([First, Second, Third, Second], built);
    }

    [Fact]
    public async Task AFailedBuildIsNotKept()
    {
        var cache = new SortOrderCache(maxRows: 100);
        var attempts = 0;
        Task<int[]> Build() => ++attempts == 1 ? throw new InvalidOperationException("store away") : Task.FromResult(new[] { 0 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(First, 1, Build));
        var order = await cache.GetAsync(First, 1, Build);

        Assert.Equal([0], order);
        Assert.Equal(2, attempts);
    }
}
