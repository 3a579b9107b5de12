using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Deployments;

/// <summary>Migration 0009 re-lays the prediction log; what serving logged before it must read back the same after it.</summary>
public sealed class PredictionLogMigrationTests
{
    private const string OldPrediction = """
        INSERT INTO predictions (uuid, deployment_id, model_version, created_at, latency_ms, inputs, probability, label)
        VALUES (@Uuid, @Id, @Version, @CreatedAt, 2.5, @Inputs, 0.75, 1)
        """;
    private const string OldLabel = "INSERT INTO prediction_labels (uuid, label, labeled_at) VALUES (@Uuid, 0, 99)";
    private const string OldDeployment = """
        INSERT INTO deployments (id, name, replicas, status, generation, revision, created_by, created_at, updated_at)
        VALUES (1, 'churn', 1, 'active', 1, 1, 'sam', 0, 0)
        """;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PredictionsAndLabelsLoggedBeforeTheNewLayoutReadBackTheSame(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, migrate: false);
        await new MigrationRunner(store.Factory).ApplyAsync(through: 8);
        var labelled = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(5_000));
        var plain = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(6_000));
        await using (var c = await store.Factory.OpenAsync())
        {
            await c.ExecuteAsync(OldDeployment);
            // created_at a moment after the id, as 0007's writer took it
            await c.ExecuteAsync(OldPrediction, new { Uuid = labelled.ToString(), Id = 1, Version = "churn/1", CreatedAt = 5_003, Inputs = """{"tenure":3,"Contract":"Two year","TotalCharges":null}""" });
            await c.ExecuteAsync(OldPrediction, new { Uuid = plain.ToString(), Id = 1, Version = "churn/2", CreatedAt = 6_001, Inputs = """{"tenure":4,"Contract":"One year","TotalCharges":12.5}""" });
            await c.ExecuteAsync(OldPrediction, new { Uuid = "hand-made", Id = 1, Version = "churn/2", CreatedAt = 6_002, Inputs = "{}" });
            await c.ExecuteAsync(OldLabel, new { Uuid = labelled.ToString() });
        }

        await new MigrationRunner(store.Factory).ApplyAsync();
        var deployments = new DeploymentStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var d = (await deployments.GetAsync("churn"))!;
        var read = await deployments.PredictionsAsync(d, 0, 10_000, 10);
        var relabel = await deployments.AddLabelsAsync(d, [new DelayedLabel(plain.ToString(), 1)]);

        Assert.Equal([plain.ToString(), labelled.ToString()], read.Select(p => p.Uuid));
        Assert.Equal("""{"tenure":4,"Contract":"One year","TotalCharges":12.5}""", read[0].Inputs);
        Assert.Equal("""{"tenure":3,"Contract":"Two year","TotalCharges":null}""", read[1].Inputs);
        Assert.Equal(("churn/1", 5_003L, 2.5, 0.75, 1, (int?)0), (read[1].ModelVersion, read[1].CreatedAt, read[1].LatencyMs, read[1].Probability, read[1].Label, read[1].TrueLabel));
        Assert.Equal("churn/2", read[0].ModelVersion);
        Assert.Equal(1, relabel.Stored);
        Assert.Single(await deployments.PredictionsAsync(d, 5_003, 5_004, 10));
        Assert.Empty(await deployments.PredictionsAsync(d, 5_004, 6_001, 10));
    }
}
