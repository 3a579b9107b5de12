using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>Compiled charts against answers worked out by hand from <see cref="ChartStore.Csv"/>, on both dialects.</summary>
public sealed class ChartQueryTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ABarCountsRowsPerCategory(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec("""
            "type":"bar","x":{"field":"Contract"},"measures":[{"agg":"count"}]
            """));

        Assert.Equal(["Contract", "count"], result.Columns.Select(c => c.Name));
        Assert.Equal([["Month-to-month", 3L], ["One year", 2L], ["Two year", 1L]], result.Rows);
        Assert.False(result.Truncated);
        Assert.Equal(s.SnapshotId, result.SnapshotId);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SumAndAverageSplitByGroupSkipMissingValues(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec("""
            "type":"bar-stacked","x":{"field":"Contract"},"group":"Churn",
            "measures":[{"field":"MonthlyCharges","agg":"sum"},{"field":"MonthlyCharges","agg":"avg"},{"field":"tenure","agg":"sum"}]
            """));

        Assert.Equal(["x", "group", "measure", "measure", "measure"], result.Columns.Select(c => c.Role));
        Assert.Equal(
        [
            ["Month-to-month", "No", null, null, 12L],
            ["Month-to-month", "Yes", 160.5, 80.25, 6L],
            ["One year", "No", 115.5, 57.75, 59L],
            ["Two year", "No", 20.0, 20.0, 60L],
        ], result.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AHistogramCountsNumericBins(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec("""
            "type":"histogram","x":{"field":"tenure","bin":{"width":10}}
            """));

        Assert.Equal([[0.0, 2L], [10.0, 1L], [20.0, 1L], [30.0, 1L], [60.0, 1L]], result.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite, "day", new[] { "2024-01-01", "2024-01-02", "2024-01-15", "2024-02-03", "2024-02-04" }, new[] { 2L, 1, 1, 1, 1 })]
    [InlineData(StoreProvider.Postgres, "day", new[] { "2024-01-01", "2024-01-02", "2024-01-15", "2024-02-03", "2024-02-04" }, new[] { 2L, 1, 1, 1, 1 })]
    [InlineData(StoreProvider.Sqlite, "week", new[] { "2024-01-01", "2024-01-15", "2024-01-29" }, new[] { 3L, 1, 2 })]
    [InlineData(StoreProvider.Postgres, "week", new[] { "2024-01-01", "2024-01-15", "2024-01-29" }, new[] { 3L, 1, 2 })]
    [InlineData(StoreProvider.Sqlite, "month", new[] { "2024-01-01", "2024-02-01" }, new[] { 4L, 2 })]
    [InlineData(StoreProvider.Postgres, "month", new[] { "2024-01-01", "2024-02-01" }, new[] { 4L, 2 })]
    public async Task TimestampsBinByDayWeekAndMonthInUtc(StoreProvider provider, string unit, string[] starts, long[] counts)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec($$$"""
            "type":"line","x":{"field":"signup_at","bin":{"unit":"{{{unit}}}"}},"measures":[{"agg":"count"}]
            """));

        Assert.Equal(starts.Select(d => DateTimeOffset.Parse(d + "T00:00:00Z")), result.Rows.Select(r => (DateTimeOffset)r[0]!));
        Assert.Equal(counts, result.Rows.Select(r => (long)r[1]!));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RangeInAndNullFiltersNarrowTheRows(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        const string rangeAndIn = """
            {"field":"tenure","op":"range","min":5,"max":40},
            {"field":"Contract","op":"in","values":["Month-to-month","One year"]}
            """;

        var both = await s.RunAsync(Spec($$"""
            "type":"kpi","measures":[{"agg":"count"}],"filters":[{{rangeAndIn}}]
            """));
        var missing = await s.RunAsync(Spec($$"""
            "type":"table","filters":[{{rangeAndIn}},{"field":"MonthlyCharges","op":"null"}]
            """));
        var present = await s.RunAsync(Spec("""
            "type":"kpi","measures":[{"agg":"count"}],
            "filters":[{"field":"MonthlyCharges","op":"not_null"},{"field":"signup_at","op":"range","min":"2024-01-02T00:00:00Z"},
                       {"field":"Churn","op":"eq","value":"No"}]
            """));

        Assert.Equal([[4L]], both.Rows);
        Assert.Equal([12L], missing.Rows.Select(r => r[missing.Columns.ToList().FindIndex(c => c.Name == "tenure")]));
        Assert.Equal([[2L]], present.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SortByAMeasureThenLimitCutsTheAnswer(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var top = await s.RunAsync(Spec("""
            "type":"pie","x":{"field":"Contract"},"measures":[{"field":"tenure","agg":"max"}],"sort":{"by":0,"desc":true},"limit":2
            """));
        var byX = await s.RunAsync(Spec("""
            "type":"bar","x":{"field":"Contract"},"sort":{"by":"x","desc":true}
            """));

        Assert.Equal([["Two year", 60L], ["One year", 35L]], top.Rows);
        Assert.True(top.Truncated);
        Assert.Equal(["Two year", "One year", "Month-to-month"], byX.Rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AKpiAggregatesOverAllRows(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec("""
            "type":"kpi","measures":[{"agg":"count"},{"field":"tenure","agg":"sum"},{"field":"MonthlyCharges","agg":"avg"},
            {"field":"Contract","agg":"count_distinct"},{"field":"signup_at","agg":"max"},{"field":"MonthlyCharges","agg":"count"}]
            """));

        var row = Assert.Single(result.Rows);
        Assert.Equal(6L, row[0]);
        Assert.Equal(137L, row[1]);
        Assert.Equal(59.2, (double)row[2]!, 9);
        Assert.Equal(3L, row[3]);
        Assert.Equal(DateTimeOffset.Parse("2024-02-04T12:00:00Z"), row[4]);
        Assert.Equal(5L, row[5]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ATableIsCappedAndHidesPiiColumnsWithoutThePermission(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider, new ChartQueryOptions { RowCap = 4 });

        var hidden = await s.RunAsync(Spec("""
            "type":"table","sort":{"by":"tenure","desc":true}
            """));
        var shown = await s.RunAsync(Spec("""
            "type":"table","sort":{"by":"tenure","desc":true},"limit":2
            """), canSeePii: true);

        Assert.DoesNotContain("customerID", hidden.Columns.Select(c => c.Name));
        Assert.Equal(4, hidden.Rows.Count);
        Assert.True(hidden.Truncated);
        Assert.Equal([60L, 35L, 24L, 12L], hidden.Rows.Select(r => r[1]));
        Assert.Equal("customerID", shown.Columns[0].Name);
        Assert.Equal(["A-4", "A-6"], shown.Rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APiiFieldIsRefusedInTheQueryWithoutThePermission(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        var spec = Spec("""
            "type":"bar","x":{"field":"Contract"},"filters":[{"field":"customerID","op":"eq","value":"A-1"}]
            """);

        var refusal = await Assert.ThrowsAsync<ChartSpecException>(() => s.RunAsync(spec));
        var allowed = await s.RunAsync(spec, canSeePii: true);

        Assert.Equal("filters[0].field", refusal.Path);
        Assert.Contains("customerID", refusal.Message);
        Assert.Equal([["Month-to-month", 1L]], allowed.Rows);
        Assert.Equal(1, s.Charts.QueriesRun);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LatestFollowsTheHeadWhileAFixedSnapshotKeepsItsRows(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        const string body = "\"type\":\"kpi\",\"measures\":[{\"agg\":\"count\"}]";
        await s.Store.IngestAsync(Dataset, Csv.Split('\n')[0] + "\nA-7,Two year,3,10,No,2024-03-01T00:00:00Z,east");

        var latest = await s.RunAsync(Spec(body));
        var first = await s.RunAsync(Spec(body, s.SnapshotId.ToString()));

        Assert.Equal([[7L]], latest.Rows);
        Assert.NotEqual(s.SnapshotId, latest.SnapshotId);
        Assert.Equal([[6L]], first.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PercentilesInterpolateBetweenTheNearestValuesOnBothDialects(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var byGroup = await s.RunAsync(Spec("""
            "type":"bar","x":{"field":"Contract"},"group":"Churn",
            "measures":[{"field":"MonthlyCharges","agg":"median"},{"field":"tenure","agg":"median"},{"agg":"count"}]
            """));
        var overall = await s.RunAsync(Spec("""
            "type":"kpi","measures":[{"field":"MonthlyCharges","agg":"p25"},{"field":"MonthlyCharges","agg":"p90"},{"field":"tenure","agg":"median"}]
            """));

        Assert.Equal(
        [
            ["Month-to-month", "No", null, 12.0, 1L],
            ["Month-to-month", "Yes", 80.25, 3.0, 2L],
            ["One year", "No", 57.75, 29.5, 2L],
            ["Two year", "No", 20.0, 60.0, 1L],
        ], byGroup.Rows);
        var row = Assert.Single(overall.Rows);
        Assert.Equal(50.0, (double)row[0]!, 9);
        Assert.Equal(82.2, (double)row[1]!, 9);
        Assert.Equal(18.0, (double)row[2]!, 9);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ABoxPlotAnswersTheFiveNumberSummaryPerX(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(Spec("""
            "type":"box","x":{"field":"Contract"},"measures":[{"field":"MonthlyCharges","agg":"median"}]
            """));

        Assert.Equal(["Contract", "min(MonthlyCharges)", "p25(MonthlyCharges)", "median(MonthlyCharges)", "p75(MonthlyCharges)", "max(MonthlyCharges)"],
            result.Columns.Select(c => c.Name));
        Assert.Equal(
        [
            ["Month-to-month", 70.5, 75.375, 80.25, 85.125, 90.0],
            ["One year", 50.0, 53.875, 57.75, 61.625, 65.5],
            ["Two year", 20.0, 20.0, 20.0, 20.0, 20.0],
        ], result.Rows);
    }
}
