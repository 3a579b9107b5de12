using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>Relative windows and KPI comparisons over a snapshot, on both dialects: windows come from the service's
/// clock, an answer with one is cached only within its minute, and a KPI is compared with the previous snapshot or
/// the earlier window in the same row.</summary>
public sealed class ChartWindowTests
{
    private static readonly DateTimeOffset MidJanuary = new(2024, 1, 16, 0, 0, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheLastDaysAreCountedFromTheClockAndCachedOnlyWithinItsMinute(StoreProvider provider)
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 2, 5, 0, 0, 30, TimeSpan.Zero));
        await using var s = await CreateAsync(provider, clock: clock);
        var lastWeek = Spec("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":7,"unit":"day"}] """);

        var first = await s.RunAsync(lastWeek);
        clock.Now = clock.Now.AddSeconds(20);
        var sameMinute = await s.RunAsync(lastWeek);
        clock.Now = new DateTimeOffset(2024, 2, 11, 0, 0, 30, TimeSpan.Zero);
        var later = await s.RunAsync(lastWeek);

        Assert.Equal([[2L]], first.Rows);
        Assert.Same(first, sameMinute);
        Assert.Equal([[1L]], later.Rows);
        Assert.Equal(2, s.Charts.QueriesRun);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AKpiIsComparedWithTheTwoWeeksBeforeItsWindow(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider, clock: new FixedClock(MidJanuary));

        var result = await s.RunAsync(Spec("""
            "type":"kpi","measures":[{"agg":"count"},{"field":"tenure","agg":"avg"}],
            "filters":[{"field":"signup_at","op":"last","value":14,"unit":"day"}],"compare":{"previous":14,"unit":"day"}
            """));

        Assert.Equal(["count", "avg(tenure)", "count (previous)", "avg(tenure) (previous)"], result.Columns.Select(c => c.Name));
        Assert.Equal(["measure", "measure", "previous", "previous"], result.Columns.Select(c => c.Role));
        // The window is [2 Jan, ∞), and February's rows, later than the clock (a relative filter is only
        // ">= cut-off"); the earlier one is [19 Dec, 2 Jan).
        Assert.Equal([[4L, 28.0, 2L, 12.5]], result.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AKpiIsComparedWithThePreviousSnapshotOrWithNothingOnTheFirst(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        const string body = """  "type":"kpi","measures":[{"agg":"count"},{"field":"tenure","agg":"sum"}],"compare":"previous_snapshot" """;
        await s.Store.IngestAsync(Dataset, Csv.Split('\n')[0] + "\nA-7,Two year,3,10,No,2024-03-01T00:00:00Z,east");

        var latest = await s.RunAsync(Spec(body));
        var first = await s.RunAsync(Spec(body, s.SnapshotId.ToString()));

        Assert.Equal([[7L, 140L, 6L, 137L]], latest.Rows);
        Assert.Equal([[6L, 137L, null, null]], first.Rows);
        Assert.Equal(3, s.Charts.QueriesRun);
    }
}
