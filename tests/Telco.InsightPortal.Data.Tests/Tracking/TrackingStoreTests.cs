using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Tracking;

public sealed class TrackingStoreTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ParamIsImmutableOnceLogged(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");
        await f.Tracking.LogParamAsync(runId, new("model", "rf"));

        await f.Tracking.LogParamAsync(runId, new("model", "rf"));
        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.LogParamAsync(runId, new("model", "gbm")));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains("Changing param values is not allowed", error.Message);
        Assert.Equal([new TrackingParam("model", "rf")], (await f.Tracking.GetRunAsync(runId)).Params);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task MetricHistoryIsOrderedByStepAndLatestIsTheHighestStep(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");
        await f.Tracking.LogMetricAsync(runId, new("loss", 0.3, 1000, 2));
        await f.Tracking.LogMetricAsync(runId, new("loss", 0.9, 1001, 0));
        await f.Tracking.LogMetricAsync(runId, new("loss", 0.5, 1002, 1));

        var history = await f.Tracking.GetMetricHistoryAsync(runId, "loss", null, null);
        var latest = (await f.Tracking.GetRunAsync(runId)).Metrics;

        Assert.Equal([0L, 1L, 2L], history.Metrics.Select(m => m.Step));
        Assert.Equal([0.9, 0.5, 0.3], history.Metrics.Select(m => m.Value));
        Assert.Equal([new TrackingMetric("loss", 0.3, 1000, 2)], latest);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task NanMetricReadsBackAsNanOnBothEngines(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "diverged");

        await f.Tracking.LogMetricAsync(runId, new("loss", double.NaN, 1, 0));

        Assert.True(double.IsNaN((await f.Tracking.GetMetricHistoryAsync(runId, "loss", null, null)).Metrics.Single().Value));
        Assert.True(double.IsNaN((await f.Tracking.GetRunAsync(runId)).Metrics.Single().Value));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SearchFiltersOrdersAndPages(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);
        foreach (var (name, auc, model) in new[] { ("a", 0.70, "rf"), ("b", 0.90, "rf"), ("c", 0.80, "rf"), ("d", 0.95, "gbm"), ("e", 0.85, "rf") })
        {
            var runId = await f.NewRunAsync(experiment, name);
            await f.Tracking.LogBatchAsync(runId, [new("auc", auc, 1, 0)], [new("model", model)], [new("team", "retention")]);
        }
        const string filter = "metrics.auc > 0.75 and params.model = 'rf' AND tags.team = \"retention\" and attributes.status = 'RUNNING'";

        var first = await f.Tracking.SearchRunsAsync([experiment], filter, ViewType.ActiveOnly, 2, ["metrics.auc DESC"], null);
        var second = await f.Tracking.SearchRunsAsync([experiment], filter, ViewType.ActiveOnly, 2, ["metrics.auc DESC"], first.NextPageToken);

        Assert.Equal(["b", "e"], first.Runs.Select(r => r.Info.RunName));
        Assert.Equal(["c"], second.Runs.Select(r => r.Info.RunName));
        Assert.Null(second.NextPageToken);
        Assert.Equal(0.90, first.Runs[0].Metrics.Single().Value);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RunsWithoutTheSortMetricComeLastAndAttributesSort(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var withMetric = await f.NewRunAsync(0, "scored");
        await f.Tracking.LogMetricAsync(withMetric, new("auc", 0.5, 1, 0));
        await f.NewRunAsync(0, "unscored");

        var ascending = await f.Tracking.SearchRunsAsync([0], null, ViewType.ActiveOnly, null, ["metrics.auc ASC"], null);
        var descending = await f.Tracking.SearchRunsAsync([0], null, ViewType.ActiveOnly, null, ["metrics.auc DESC"], null);
        var byName = await f.Tracking.SearchRunsAsync([0], null, ViewType.ActiveOnly, null, ["attributes.run_name DESC"], null);

        Assert.Equal(["scored", "unscored"], ascending.Runs.Select(r => r.Info.RunName));
        Assert.Equal(["scored", "unscored"], descending.Runs.Select(r => r.Info.RunName));
        Assert.Equal(["unscored", "scored"], byName.Runs.Select(r => r.Info.RunName));
    }

    [Theory]
    [InlineData("metrics.auc >> 1", "position 13: expected a number")]
    [InlineData("metrics.auc > 'high'", "compared with a number")]
    [InlineData("params.model > 'rf'", "operator '>' is not supported")]
    [InlineData("attributes.password = 'x'", "unknown attribute 'password'")]
    [InlineData("metrics.auc > 1 xor metrics.auc < 0", "position 16: unexpected 'xor'")]
    [InlineData("auc > 1", "expected 'metrics.'")]
    [InlineData("tags.team = 'open", "unterminated ' quote")]
    public void BadFilterIsRejectedWithItsReason(string filter, string reason)
    {
        var error = Assert.Throws<TrackingException>(() => RunFilter.Parse(filter));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LifecycleAndStatusChangesAreAuditedWithTheChange(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("churn", null, [new("owner", "retention")], TrackingFixture.Scientist);
        var runId = await f.NewRunAsync(experiment, "r1");

        await f.Tracking.UpdateRunAsync(runId, "FINISHED", 5000, null, TrackingFixture.Scientist);
        await f.Tracking.SetRunStageAsync(runId, LifecycleStages.Deleted, TrackingFixture.Scientist);
        await f.Tracking.SetRunStageAsync(runId, LifecycleStages.Active, TrackingFixture.Scientist);
        await f.Tracking.SetExperimentStageAsync(experiment, LifecycleStages.Deleted, TrackingFixture.Scientist);

        Assert.Equal(["experiment.create", "run.create", "run.status", "run.delete", "run.restore", "experiment.delete"], await f.AuditActionsAsync());
        var run = await f.Tracking.GetRunAsync(runId);
        Assert.Equal(("FINISHED", 5000L, LifecycleStages.Deleted), (run.Info.Status, run.Info.EndTime, run.Info.LifecycleStage));
        Assert.Equal("mlflow-artifacts:/" + experiment, (await f.Tracking.GetExperimentAsync(experiment)).ArtifactLocation);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DuplicateExperimentNameIsRejected(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);

        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist));

        Assert.Equal(TrackingErrors.AlreadyExists, error.ErrorCode);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ConcurrentCreatesOfOneNameMakeOneExperimentAndAnswerTheRestAlreadyExists(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);
                return "created";
            }
            catch (TrackingException e)
            {
                return e.ErrorCode;
            }
        }));

        Assert.Equal(1, attempts.Count(a => a == "created"));
        Assert.Equal(7, attempts.Count(a => a == TrackingErrors.AlreadyExists));
    }

    [Theory]
    [InlineData(1001, 0, 0)]
    [InlineData(0, 101, 0)]
    [InlineData(0, 0, 101)]
    [InlineData(900, 100, 1)]
    public async Task BatchOverMlflowLimitsIsRejected(int metrics, int parameters, int tags)
    {
        await using var f = await TrackingFixture.CreateAsync(StoreProvider.Sqlite);
        var runId = await f.NewRunAsync(0, "r1");

        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.LogBatchAsync(runId,
            Enumerable.Range(0, metrics).Select(i => new TrackingMetric("m", i, i, i)).ToList(),
            Enumerable.Range(0, parameters).Select(i => new TrackingParam($"p{i}", "v")).ToList(),
            Enumerable.Range(0, tags).Select(i => new TrackingTag($"t{i}", "v")).ToList()));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Empty((await f.Tracking.GetMetricHistoryAsync(runId, "m", null, null)).Metrics);
    }
}
