using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Tracking;

public sealed class RunInputsTests
{
    private static readonly RunDataset Churn = new("telco-churn", "9f2c1e", "portal-snapshot", "portal-snapshot://telco-churn/3",
        """{"mlflow_colspec":[{"name":"tenure","type":"long"}]}""", """{"num_rows":7043}""");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LoggedInputsReadBackWithGetAndSearch(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");
        var other = await f.NewRunAsync(0, "r2");

        await f.Tracking.LogInputsAsync(runId, [new([new("mlflow.data.context", "training")], Churn)]);
        await f.Tracking.LogInputsAsync(other, [new([new("mlflow.data.context", "evaluation")], Churn with { Schema = null, Profile = null })]);

        var run = await f.Tracking.GetRunAsync(runId);
        var input = Assert.Single(run.Inputs);
        Assert.Equal(Churn, input.Dataset);
        Assert.Equal([new TrackingTag("mlflow.data.context", "training")], input.Tags);
        var searched = await f.Tracking.SearchRunsAsync([0], null, ViewType.ActiveOnly, null, ["attributes.run_name"], null);
        Assert.Equal(["training", "evaluation"], searched.Runs.Select(r => Assert.Single(r.Inputs).Tags.Single().Value));
        // One dataset per experiment, name and digest: the second run's use points at the first's row.
        Assert.Equal(Churn, Assert.Single(searched.Runs[1].Inputs).Dataset);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LoggingTheSameInputAgainUpdatesItsTagsOnly(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");

        await f.Tracking.LogInputsAsync(runId, [new([new("mlflow.data.context", "training")], Churn)]);
        await f.Tracking.LogInputsAsync(runId, [new([new("mlflow.data.context", "tuning"), new("split", "train")], Churn)]);

        var input = Assert.Single((await f.Tracking.GetRunAsync(runId)).Inputs);
        Assert.Equal([new TrackingTag("mlflow.data.context", "tuning"), new TrackingTag("split", "train")], input.Tags);
    }

    [Theory]
    [InlineData("", "9f", "portal-snapshot", "s", "'datasets[0].dataset.name'")]
    [InlineData("n", "", "portal-snapshot", "s", "'datasets[0].dataset.digest'")]
    [InlineData("n", "9f", "", "s", "'datasets[0].dataset.source_type'")]
    [InlineData("n", "9f", "portal-snapshot", "", "'datasets[0].dataset.source'")]
    [InlineData("n", "9f", "a-source-type-that-is-longer-than-thirty-six", "s", "'datasets[0].dataset.source_type' is longer than 36")]
    public async Task IncompleteDatasetIsRejectedByFieldAndNothingIsLogged(string name, string digest, string sourceType, string source, string reason)
    {
        await using var f = await TrackingFixture.CreateAsync(StoreProvider.Sqlite);
        var runId = await f.NewRunAsync(0, "r1");

        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.LogInputsAsync(runId,
            [new([], Churn), new([], new RunDataset(name, digest, sourceType, source, null, null))]));

        Assert.Equal(TrackingErrors.InvalidParameter, error.ErrorCode);
        Assert.Contains(reason.Replace("[0]", "[1]"), error.Message);
        Assert.Empty((await f.Tracking.GetRunAsync(runId)).Inputs);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task InputsOfAMissingOrDeletedRunAreRefused(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");
        await f.Tracking.SetRunStageAsync(runId, LifecycleStages.Deleted, TrackingFixture.Scientist);

        var missing = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.LogInputsAsync("0123456789abcdef0123456789abcdef", [new([], Churn)]));
        var deleted = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.LogInputsAsync(runId, [new([], Churn)]));

        Assert.Equal(TrackingErrors.NotFound, missing.ErrorCode);
        Assert.Contains("must be in the 'active' state", deleted.Message);
    }
}
