using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Deployments;

/// <summary>Predictions tied to customers (migration 0012): the log keeps each row's id, labels find a customer's
/// predictions in a window, and pages of the log are read by id or by time.</summary>
public sealed class PredictionEntityTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LabelsByIdCoverThatIdsPredictionsInTheWindowOfThatDeploymentOnly(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var (d, other) = await TwoDeploymentsAsync(deployments);
        var ids = new[] { At(d, 1_000, "A"), At(d, 1_500, null), At(d, 2_000, "A"), At(d, 2_500, "B"), At(d, 3_000, "A"), At(other, 2_000, "A") };
        await deployments.WritePredictionsAsync(ids, []);

        var windowed = await deployments.AddLabelsAsync(d, [DelayedLabel.ForEntity("A", 1, from: 1_500, to: 3_000), DelayedLabel.ForEntity("C", 1)]);
        var afterWindow = await deployments.PredictionsAsync(d, 0, long.MaxValue, 10);
        var all = await deployments.AddLabelsAsync(d, [DelayedLabel.ForEntity("B", 0), new DelayedLabel(ids[1].Uuid.ToString(), 1)]);
        var everything = await deployments.PredictionsAsync(d, 0, long.MaxValue, 10);

        Assert.Equal([("A", 3_000L), ("B", 2_500), ("A", 2_000), (null, 1_500), ("A", 1_000)], afterWindow.Select(p => (p.EntityId, p.CreatedAt)));
        Assert.Equal(1, windowed.Stored);
        Assert.Equal(["C"], windowed.Unknown);
        Assert.Equal([null, null, 1, null, null], afterWindow.Select(p => p.TrueLabel));
        Assert.Null(Assert.Single(await deployments.PredictionsAsync(other, 0, long.MaxValue, 10)).TrueLabel);
        Assert.Equal(2, all.Stored);
        Assert.Empty(all.Unknown);
        Assert.Equal([null, 0, 1, 1, null], everything.Select(p => p.TrueLabel));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PagesOfTheLogAreFoundByIdOrByTimeAndContinueBelowTheLastUuid(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var (d, other) = await TwoDeploymentsAsync(deployments);
        await deployments.WritePredictionsAsync(
            [At(d, 1_000, "A"), At(d, 1_500, null), At(d, 2_000, "A"), At(d, 2_500, "B"), At(d, 3_000, "A"), At(other, 2_000, "A")], []);

        var first = await deployments.PredictionPageAsync(d, new PredictionQuery("A", 0, null, 2));
        var second = await deployments.PredictionPageAsync(d, new PredictionQuery("A", 0, PredictionCursor.Of(first.Rows[^1]), 2));
        var nobody = await deployments.PredictionPageAsync(d, new PredictionQuery("a", 0, null, 2));
        var recent = await deployments.PredictionPageAsync(d, new PredictionQuery(null, 1_500, null, 10));

        Assert.Equal([3_000L, 2_000], first.Rows.Select(p => p.CreatedAt));
        Assert.True(first.HasMore);
        Assert.Equal([1_000L], second.Rows.Select(p => p.CreatedAt));
        Assert.False(second.HasMore);
        Assert.Empty(nobody.Rows);
        Assert.Equal([3_000L, 2_500, 2_000, 1_500], recent.Rows.Select(p => p.CreatedAt));
        Assert.Equal(["A", "B", "A", null], recent.Rows.Select(p => p.EntityId));
        Assert.Equal("{\"tenure\":7}", recent.Rows[0].Inputs);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LabelledPredictionsAreThoseOfTheVersionAndDeploymentThatHaveALabelUpToTheCap(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var deployments = StoreOver(store);
        var (d, other) = await TwoDeploymentsAsync(deployments);
        var rows = new[] { At(d, 1_000, "A"), At(d, 2_000, "B"), At(d, 3_000, "C"), At(other, 2_000, "A") };
        await deployments.WritePredictionsAsync(rows, []);
        await deployments.AddLabelsAsync(d, [new DelayedLabel(rows[0].Uuid.ToString(), 1)]);
        await deployments.AddLabelsAsync(d, [new DelayedLabel(rows[2].Uuid.ToString(), 0)]);
        await deployments.AddLabelsAsync(other, [new DelayedLabel(rows[3].Uuid.ToString(), 1)]);

        var labelled = await deployments.LabelledPredictionsAsync(d, "churn/1", 10);
        var otherVersion = await deployments.LabelledPredictionsAsync(d, "churn/2", 10);
        var capped = await deployments.LabelledPredictionsAsync(d, "churn/1", 1);

        Assert.Equal(2, labelled.Count);
        Assert.Equal([0, 1], labelled.Select(r => r.Label).Order());
        Assert.All(labelled, r => Assert.Equal(0.5, r.Score, 6));
        Assert.Empty(otherVersion);
        Assert.Single(capped);
    }

    [Fact]
    public async Task SearchesAndLabelsByIdFindTheRowsThroughThePartialIndexNotAScan()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await using var c = await store.Factory.OpenAsync();
        var arguments = new { Id = 1L, EntityId = "A", BeforeAt = 5L, BeforeKey = new byte[16], Limit = 10, Label = 1, Now = 0L, From = 0L, To = 1L };

        var search = await c.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(new CommandDefinition("EXPLAIN QUERY PLAN " + PredictionSql.EntityPage, arguments));
        var label = await c.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(new CommandDefinition("EXPLAIN QUERY PLAN " + PredictionSql.UpsertEntityLabels, arguments));

        Assert.Contains(search, row => row.Detail.Contains("INDEX ix_predictions_entity", StringComparison.Ordinal));
        Assert.Contains(label, row => row.Detail.Contains("INDEX ix_predictions_entity", StringComparison.Ordinal));
    }

    private static DeploymentStore StoreOver(TestStore store) => new(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);

    private static async Task<(DeploymentRecord, DeploymentRecord)> TwoDeploymentsAsync(DeploymentStore deployments) => (
        (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(DeploymentStoreTests.V1, 100)], new NewKey("default", "h1", "tsk_1"), DeploymentStoreTests.Scientist))!,
        (await deployments.CreateAsync("towers", 1, [DeploymentTarget.Of(DeploymentStoreTests.V1, 100)], new NewKey("default", "h2", "tsk_2"), DeploymentStoreTests.Scientist))!);

    private static LoggedPrediction At(DeploymentRecord d, long time, string? entity) =>
        new(new PredictionLayout(d.Id, "churn/1", "[\"tenure\"]"), Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(time)), 1,
            System.Text.Encoding.UTF8.GetBytes("[7]"), 0.5f, 1, entity);
}
