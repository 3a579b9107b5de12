using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartSourceStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>Charts over a deployment's prediction log and an experiment's runs, against the answers worked out by
/// hand in <see cref="ChartSourceStore"/>, on both dialects.</summary>
public sealed class ChartSourceQueryTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnInputIsReadByItsIndexInEachRowsLayout(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(OverLog("""
            "type":"bar","x":{"field":"Contract"},
            "measures":[{"agg":"count"},{"field":"tenure","agg":"avg"},{"field":"MonthlyCharges","agg":"sum"},{"field":"probability","agg":"max"}]
            """));

        Assert.Equal(["Contract", "count", "avg(tenure)", "sum(MonthlyCharges)", "max(probability)"], result.Columns.Select(c => c.Name));
        Assert.Equal(
        [
            ["Month-to-month", 3L, 6.0, 70.5, 0.75],
            ["One year", 1L, 24.0, 50.0, 0.25],
            ["Two year", 1L, 60.0, null, 0.125],
        ], result.Rows);
        Assert.Null(result.SnapshotId);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DelayedLabelsJoinWhenKnownAndModelVersionsGroup(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var actual = await s.RunAsync(OverLog("""  "type":"bar","x":{"field":"actual"},"group":"label" """));
        var versions = await s.RunAsync(OverLog("""  "type":"bar","x":{"field":"model_version"},"measures":[{"field":"latency_ms","agg":"max"},{"field":"labeled_at","agg":"count"},{"field":"latency_ms","agg":"median"}] """));

        Assert.Equal([[0L, 0L, 1L], [1L, 0L, 1L], [1L, 1L, 1L], [null, 1L, 2L]], actual.Rows);
        Assert.Equal([["churn/1", 450.0, 2L, 20.0], ["churn/2", 400.0, 1L, 250.0]], versions.Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PredictionTimesBinByDayAndTheLastThirtyDaysKeepRecentRows(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var days = await s.RunAsync(OverLog("""  "type":"line","x":{"field":"created_at","bin":{"unit":"day"}} """));
        var recent = await s.RunAsync(OverLog("""
            "type":"table","filters":[{"field":"created_at","op":"last","value":30,"unit":"day"}],"sort":{"by":"created_at"}
            """));

        Assert.Equal([45, 40, 10, 2, 1], days.Rows.Select(r => (Now.UtcDateTime.Date - ((DateTimeOffset)r[0]!).UtcDateTime).Days));
        var at = recent.Columns.Select(c => c.Name).ToList().IndexOf("created_at");
        Assert.Equal([10, 2, 1], recent.Rows.Select(r => (int)Math.Round((Now - (DateTimeOffset)r[at]!).TotalDays)));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AKpiComparedWithThePreviousThirtyDaysAnswersBothPeriodsInOneRow(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var result = await s.RunAsync(OverLog("""
            "type":"kpi","measures":[{"agg":"count"},{"field":"probability","agg":"avg"}],
            "filters":[{"field":"created_at","op":"last","value":30,"unit":"day"}],"compare":{"previous":30,"unit":"day"}
            """));

        Assert.Equal(["measure", "measure", "previous", "previous"], result.Columns.Select(c => c.Role));
        Assert.Equal([[3L, 0.5, 2L, 0.375]], result.Rows);
        Assert.Equal(2, s.Charts.QueriesRun);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FieldsListTypesFromTheTrainingDatasetOrTheSampleAndHidePersonalData(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        var source = ChartSource.Predictions(Deployment);

        var all = await s.Charts.FieldsAsync(source, canSeePii: true);
        var visible = await s.Charts.FieldsAsync(source, canSeePii: false);

        Assert.Equal(["created_at", "probability", "label", "model_version", "latency_ms", "actual", "labeled_at", "entity_id",
            "Contract", "tenure", "customer_id", "score_7d", "MonthlyCharges"], all.Select(f => f.Name));
        Assert.Contains(new SourceField("tenure", ColumnType.Integer, false), all);
        Assert.Contains(new SourceField("MonthlyCharges", ColumnType.Real, false), all);
        Assert.Contains(new SourceField("customer_id", ColumnType.Text, true), all);
        Assert.Contains(new SourceField("score_7d", ColumnType.Real, false), all);
        Assert.Contains(new SourceField("created_at", ColumnType.Timestamp, false), all);
        Assert.Equal(all.Where(f => f.Name is not ("entity_id" or "customer_id")), visible);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PersonalInputsAreRefusedByNameAndLeftOutOfTables(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var e = await Assert.ThrowsAsync<ChartSpecException>(() => s.RunAsync(OverLog("""  "type":"bar","x":{"field":"customer_id"} """)));
        var table = await s.RunAsync(OverLog("""  "type":"table","limit":2 """));
        var withPii = await s.RunAsync(OverLog("""  "type":"table","filters":[{"field":"customer_id","op":"not_null"}],"sort":{"by":"customer_id"} """), canSeePii: true);

        Assert.Equal("x.field", e.Path);
        Assert.DoesNotContain(table.Columns, c => c.Name is "customer_id" or "entity_id");
        Assert.Equal(2, table.Rows.Count);
        Assert.True(table.Truncated);
        var id = withPii.Columns.Select(c => c.Name).ToList().IndexOf("customer_id");
        Assert.Equal(["C-3", "C-4"], withPii.Rows.Select(r => r[id]));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RunsChartTheirLatestMetricsByParamAndStatus(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        var byDepth = await s.RunAsync(OverRuns("""  "type":"bar","x":{"field":"params.max_depth"},"measures":[{"field":"metrics.auc","agg":"max"},{"agg":"count"}] """));
        var finished = await s.RunAsync(OverRuns("""  "type":"kpi","filters":[{"field":"status","op":"eq","value":"FINISHED"}] """));
        var recent = await s.RunAsync(OverRuns("""  "type":"kpi","filters":[{"field":"start_time","op":"last","value":30,"unit":"day"}] """));
        var table = await s.RunAsync(OverRuns("""  "type":"table","sort":{"by":"metrics.auc","desc":true} """));

        Assert.Equal([["4", 0.8, 1L], ["6", 0.9, 1L], [null, null, 1L]], byDepth.Rows);
        Assert.Equal([[2L]], finished.Rows);
        Assert.Equal([[2L]], recent.Rows);
        Assert.Equal(["run_id", "run_name", "status", "start_time", "end_time", "metrics.auc", "params.learning_rate", "params.max_depth"],
            table.Columns.Select(c => c.Name));
        Assert.Equal(["b", "a", "c"], table.Rows.Select(r => r[1]));
        Assert.Equal(Now.AddDays(-3), table.Rows[1][3]);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LiveSourcesAreQueriedEveryTimeAndAnUnknownOneIsNotFound(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        var count = OverLog("""  "type":"kpi" """);

        var before = await s.RunAsync(count);
        await s.Deployments.WritePredictionsAsync([s.Row("churn/1", LayoutOne, 0, "[3,10,\"One year\"]", 0.5f, 1, null)], []);
        var after = await s.RunAsync(count);
        var missing = await Assert.ThrowsAsync<PortalException>(() => s.RunAsync(OverLog("""  "type":"kpi" """, "nope")));
        var noExperiment = await Assert.ThrowsAsync<PortalException>(() => s.Charts.FieldsAsync(ChartSource.Runs("nope"), canSeePii: false));

        Assert.Equal([[5L]], before.Rows);
        Assert.Equal([[6L]], after.Rows);
        Assert.Equal(2, s.Charts.QueriesRun);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(ErrorKind.NotFound, noExperiment.Kind);
    }
}
