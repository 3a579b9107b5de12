using Dapper;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Tracking;

/// <summary>A search may ask for up to 50,000 runs and name any number of experiments; SQLite takes at most 32,766
/// parameters in a statement, so neither may become one parameter per item.</summary>
public sealed class RunSearchSizeTests
{
    private const int MoreThanSqliteParameters = 33_000;

    // Written in one statement: 33,000 runs through the store's audited path would take minutes.
    private const string InsertRuns = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Count)
        INSERT INTO runs (run_id, experiment_id, run_name, user_id, status, start_time, lifecycle_stage, artifact_uri)
        SELECT 'bulk' || i, @ExperimentId, 'bulk-' || i, 'scientist', 'FINISHED', i, 'active', 'mlflow-artifacts:/bulk' FROM n
        """;

    private const string InsertParams = "INSERT INTO run_params (run_id, key, value) SELECT run_id, 'trainer', run_name FROM runs WHERE experiment_id = @ExperimentId";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APageOfMoreRunsThanSqliteTakesParametersComesBackWithItsParams(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("bulk", null, [], TrackingFixture.Scientist);
        await using (var connection = await f.Store.Factory.OpenAsync())
        {
            await connection.ExecuteAsync(InsertRuns, new { Count = MoreThanSqliteParameters, ExperimentId = experiment });
            await connection.ExecuteAsync(InsertParams, new { ExperimentId = experiment });
        }

        var page = await f.Tracking.SearchRunsAsync([experiment], null, ViewType.ActiveOnly, TrackingStore.MaxResultsLimit, null, null);

        Assert.Equal(MoreThanSqliteParameters, page.Runs.Count);
        Assert.All(page.Runs, r => Assert.Equal(r.Info.RunName, Assert.Single(r.Params).Value));
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SearchTakesMoreExperimentIdsThanSqliteTakesParameters(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var experiment = await f.Tracking.CreateExperimentAsync("churn", null, [], TrackingFixture.Scientist);
        await f.NewRunAsync(experiment, "a");
        var ids = Enumerable.Range(1_000_000, MoreThanSqliteParameters).Select(i => (long)i).Append(experiment).ToList();

        var page = await f.Tracking.SearchRunsAsync(ids, "attributes.run_name = 'a'", ViewType.ActiveOnly, null, null, null);

        Assert.Equal(["a"], page.Runs.Select(r => r.Info.RunName));
    }
}
