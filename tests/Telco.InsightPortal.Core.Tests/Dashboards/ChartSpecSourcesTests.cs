using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using static Telco.InsightPortal.Core.Tests.Dashboards.ChartSpecParserTests;

namespace Telco.InsightPortal.Core.Tests.Dashboards;

/// <summary>The prediction-log and runs sources, the relative filter and KPI comparisons: read, written back, and
/// bound to windows computed from the clock the caller hands in.</summary>
public sealed class ChartSpecSourcesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 15, 42, TimeSpan.Zero);
    private static readonly DateTimeOffset Minute = new(2026, 3, 31, 10, 15, 0, TimeSpan.Zero);

    private const string Predictions = """
        {"version":1,"source":{"kind":"predictions","deployment":"churn-prod"},"type":"kpi","measures":[{"field":"probability","agg":"avg"}],
         "filters":[{"field":"created_at","op":"last","value":30,"unit":"day"}],"compare":{"previous":30,"unit":"day"}}
        """;

    private const string Runs = """
        {"version":1,"source":{"kind":"runs","experiment":"telco-churn"},"type":"scatter","x":{"field":"params.max_depth"},
         "measures":[{"field":"metrics.auc","agg":"max"}],"filters":[{"field":"start_time","op":"last","value":2,"unit":"week"}]}
        """;

    private static BoundChart Validate(string body, bool canSeePii = false) =>
        ChartSpecValidator.Validate(ChartSpecParser.Parse(Spec(body)), ChartSpecValidatorTests.Schema, canSeePii, new FixedClock(Now));

    [Fact]
    public void PredictionAndRunSourcesAreReadWithTheirFiltersAndComparison()
    {
        var predictions = ChartSpecParser.Parse(Predictions);
        var runs = ChartSpecParser.Parse(Runs);

        Assert.Equal(ChartSource.Predictions("churn-prod"), predictions.Source);
        Assert.Equal(ChartSourceKind.Predictions, predictions.Source.Kind);
        Assert.Equal(ChartFilter.Last("created_at", 30, TimeUnit.Day), predictions.Filters[0]);
        Assert.Equal(ChartCompare.Period(30, TimeUnit.Day), predictions.Compare);
        Assert.Equal(ChartSource.Runs("telco-churn"), runs.Source);
        Assert.Equal((2L, TimeUnit.Week), (runs.Filters[0].Value, runs.Filters[0].Unit));
        Assert.Null(runs.Compare);
    }

    [Theory]
    [InlineData(Predictions)]
    [InlineData(Runs)]
    [InlineData("""{"version":1,"source":{"kind":"snapshot","dataset":"d","snapshot":4},"type":"kpi","compare":"previous_snapshot"}""")]
    public void ANewKindOfSpecParsesBackToTheSameText(string json)
    {
        var written = ChartSpecWriter.Write(ChartSpecParser.Parse(json));

        var again = ChartSpecWriter.Write(ChartSpecParser.Parse(written));

        Assert.Equal(written, again);
        Assert.Equal(ChartSpecParser.Parse(json).Source, ChartSpecParser.Parse(written).Source);
        Assert.Equal(ChartSpecParser.Parse(json).Compare, ChartSpecParser.Parse(written).Compare);
    }

    [Fact]
    public void ASourceWithoutAKindIsASnapshotWrittenAsBefore()
    {
        var spec = ChartSpecParser.Parse("""{"version":1,"source":{"dataset":"telco","snapshot":"latest"},"type":"kpi"}""");

        Assert.Equal(new ChartSource("telco", null), spec.Source);
        Assert.True(spec.Source.IsLatest);
        Assert.StartsWith("""{"version":1,"source":{"kind":"snapshot","dataset":"telco","snapshot":"latest"},""", ChartSpecWriter.Write(spec));
    }

    [Theory]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":0,"unit":"day"}] """, "filters[0].value", "1 to 3650")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":3651,"unit":"day"}] """, "filters[0].value", "1 to 3650")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":"30","unit":"day"}] """, "filters[0].value", "whole number")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":30,"unit":"year"}] """, "filters[0].unit", "'year' is not one of")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":30}] """, "filters[0].unit", "a value is required")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":3,"unit":"day","min":1}] """, "filters[0].min", "takes no \"min\"")]
    [InlineData("""  "type":"kpi","filters":[{"field":"signup_at","op":"eq","value":3,"unit":"day"}] """, "filters[0].unit", "takes no \"unit\"")]
    [InlineData("""  "type":"kpi","compare":"previous_week" """, "compare", "previous_snapshot")]
    [InlineData("""  "type":"kpi","compare":{"previous":0,"unit":"day"} """, "compare.previous", "1 to 3650")]
    [InlineData("""  "type":"kpi","compare":{"previous":1,"unit":"hour"} """, "compare.unit", "'hour' is not one of")]
    [InlineData("""  "type":"kpi","compare":{"previous":1} """, "compare.unit", "a value is required")]
    [InlineData("""  "type":"kpi","compare":{"previous":1,"unit":"day","field":"x"} """, "compare.field", "unknown property")]
    public void ABadRelativeFilterOrComparisonIsRefusedNamingItsPath(string body, string path, string problem)
    {
        var e = Assert.Throws<ChartSpecException>(() => ChartSpecParser.Parse(Spec(body)));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("""  "type":"kpi","filters":[{"field":"tenure","op":"last","value":3,"unit":"day"}] """, "filters[0].op", "'tenure' is not a timestamp")]
    [InlineData("""  "type":"bar","x":{"field":"Contract"},"compare":"previous_snapshot" """, "compare", "only a KPI")]
    [InlineData("""  "type":"kpi","compare":{"previous":1,"unit":"day"} """, "compare", "exactly one relative filter")]
    public void ARelativeFilterOrComparisonThatDoesNotFitTheChartIsRefused(string body, string path, string problem)
    {
        var e = Assert.Throws<ChartSpecException>(() => Validate(body));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ComparingSnapshotsNeedsASnapshotSource()
    {
        var spec = ChartSpecParser.Parse(Predictions) with { Compare = ChartCompare.Snapshot() };
        var schema = new DatasetSchema([new(0, "created_at", ColumnType.Timestamp), new(1, "probability", ColumnType.Real)]);

        var e = Assert.Throws<ChartSpecException>(() => ChartSpecValidator.Validate(spec, schema, false, new FixedClock(Now)));

        Assert.Equal("compare", e.Path);
        Assert.Contains("compares snapshots", e.Message);
    }

    [Theory]
    [InlineData(30, "day", "2026-03-01T10:15:00Z")]
    [InlineData(2, "week", "2026-03-17T10:15:00Z")]
    [InlineData(1, "month", "2026-02-28T10:15:00Z")]
    public void TheCutOffIsTheClocksMinuteLessTheCount(int count, string unit, string cutOff)
    {
        var chart = Validate($$"""  "type":"kpi","filters":[{"field":"signup_at","op":"last","value":{{count}},"unit":"{{unit}}"}] """);

        var filter = Assert.Single(chart.Filters);
        Assert.Equal(FilterOp.Last, filter.Op);
        Assert.Equal(DateTimeOffset.Parse(cutOff), filter.Min);
        Assert.Null(filter.Max);
        Assert.Equal(Minute, chart.Now);
    }

    [Fact]
    public void APeriodComparisonMovesTheWindowBackLeavingOtherFiltersAlone()
    {
        var chart = Validate("""
            "type":"kpi","measures":[{"field":"tenure","agg":"avg"}],
            "filters":[{"field":"Contract","op":"eq","value":"One year"},{"field":"signup_at","op":"last","value":7,"unit":"day"}],
            "compare":{"previous":7,"unit":"day"}
            """);

        var compare = chart.Compare!;
        Assert.False(compare.PreviousSnapshot);
        Assert.Same(chart.Filters[0], compare.Filters[0]);
        Assert.Equal((Minute.AddDays(-14), Minute.AddDays(-7)), (compare.Filters[1].Min, compare.Filters[1].Max));
        Assert.Equal(Minute.AddDays(-7), chart.Filters[1].Min);
    }

    [Fact]
    public void AChartWithoutARelativeWindowDoesNotDependOnTheMinute()
    {
        var chart = Validate("""  "type":"kpi","compare":"previous_snapshot" """);

        Assert.Null(chart.Now);
        Assert.True(chart.Compare!.PreviousSnapshot);
    }
}
