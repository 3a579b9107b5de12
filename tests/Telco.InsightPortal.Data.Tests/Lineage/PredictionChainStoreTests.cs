using System.Text;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Registry;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>A prediction's chain through the real stores on both dialects: ingest, a run with its metrics and trainer,
/// a version approved to Production by someone else, a deployment whose second generation is a canary made by another
/// person, and predictions served by each generation.</summary>
public sealed class PredictionChainStoreTests
{
    private const string Csv = "tenure,Contract\n1,Month-to-month\n5,One year\n9,Two year\n";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APredictionLeadsToItsGenerationVersionApprovalsRunSnapshotAndFile(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var seed = await SeedAsync(f);
        var chains = new PredictionChainStore(f.Store.Factory);

        var canary = await chains.GetAsync(seed.Recent);
        var early = await chains.GetAsync(seed.Early);

        Assert.NotNull(canary);
        Assert.Equal(("churn-prod", "churn/1", 0.75, 1, 4.5), (canary.Prediction.Deployment, canary.Prediction.ModelVersion,
            Math.Round(canary.Prediction.Probability, 2), canary.Prediction.Label, canary.Prediction.LatencyMs));
        Assert.Equal((2L, 2L, "deployment.canary", "rita"), (canary.Deployment.Generation, canary.Deployment.CurrentGeneration,
            canary.Deployment.Action, canary.Deployment.DeployedBy));
        Assert.Equal(["churn/1:90", "churn/2:10"], canary.Deployment.Targets.Select(t => $"{t.ModelVersion}:{t.Weight}"));
        var version = canary.ModelVersion!;
        Assert.Equal(("churn", 1L, "Production", "Production", "dora"), (version.Model, version.Version, version.Stage, version.StageThen, version.CreatedBy));
        var approval = Assert.Single(version.Approvals);
        Assert.Equal(("stage", "Production", "approved", "dora", "rita", "looks right"),
            (approval.TargetKind, approval.Target, approval.Status, approval.RequestedBy, approval.DecidedBy, approval.DecisionComment));
        Assert.Equal((seed.RunId, "dora", "logistic", 0.81), (canary.Run!.RunId, canary.Run.StartedBy, canary.Run.Trainer, canary.Run.Metrics["test_auc"]));
        var snapshot = Assert.Single(canary.Snapshots);
        Assert.Equal((seed.SnapshotId, "customers", 3L, "tester"), (snapshot.Id, snapshot.Dataset, snapshot.TotalRows, snapshot.CommittedBy));
        var file = Assert.Single(snapshot.Files);
        Assert.Equal((Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Csv))), (long?)Csv.Length),
            (file.Sha256, file.SizeBytes));

        Assert.Equal((1L, "deployment.create", "dora"), (early!.Deployment.Generation, early.Deployment.Action, early.Deployment.DeployedBy));
        Assert.Equal(["churn/1:100"], early.Deployment.Targets.Select(t => $"{t.ModelVersion}:{t.Weight}"));
        Assert.Null(early.ModelVersion!.StageThen);
        Assert.Equal(1, early.Prediction.TrueLabel);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnUnknownPredictionHasNoChain(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await SeedAsync(f);

        Assert.Null(await new PredictionChainStore(f.Store.Factory).GetAsync(Guid.CreateVersion7()));
    }

    private sealed record Seed(long SnapshotId, string RunId, Guid Early, Guid Recent);

    private static async Task<Seed> SeedAsync(RegistryFixture f)
    {
        var ingest = new StoreUnderTest(f.Store);
        var snapshotId = (await ingest.IngestAsync("customers", Csv)).Snapshot!.Id;
        var runId = await f.TrainedRunAsync(snapshotId: snapshotId);
        await new LineageEdges().Add($"snapshot/{snapshotId}", TrainedOn, $"run/{runId}").WriteAsync(f.Store.Factory);
        await f.Tracking.LogBatchAsync(runId, [new TrackingMetric("test_auc", 0.81, 1, 0)], [new TrackingParam("trainer", "logistic")], []);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        await f.RegisterAsync("churn", runId);
        await f.RegisterAsync("churn", runId);
        var request = await f.Registry.RequestApprovalAsync("churn", 1, "stage", "Production", false, "ready", RegistryFixture.Dora);
        await f.Registry.DecideAsync(request.ApprovalId, approve: true, "looks right", RegistryFixture.Rita);

        var audit = new AuditTrail(f.Store.Factory, TimeProvider.System);
        var deployments = new DeploymentStore(f.Store.Factory, audit, TimeProvider.System);
        var v1 = new ModelVersionRef("churn", "1", runId, $"runs/{runId}/model.zip", new string('a', 64), snapshotId);
        var deployment = (await deployments.CreateAsync("churn-prod", 1, [DeploymentTarget.Of(v1, 100)], new NewKey("default", "h1", "tsk_1"), RegistryFixture.Dora))!;
        await deployments.SetTargetsAsync(deployment, 1, [DeploymentTarget.Of(v1, 90), DeploymentTarget.Of(v1 with { Version = "2" }, 10)],
            "deployment.canary", RegistryFixture.Rita);

        var layout = new PredictionLayout(deployment.Id, "churn/1", """["tenure","Contract"]""");
        var early = Guid.CreateVersion7(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var recent = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddSeconds(2));
        var inputs = Encoding.UTF8.GetBytes("""[5,"One year"]""");
        await deployments.WritePredictionsAsync([new LoggedPrediction(layout, early, 3, inputs, 0.25f, 0), new LoggedPrediction(layout, recent, 4.5, inputs, 0.75f, 1)], []);
        await deployments.AddLabelsAsync(deployment, [new DelayedLabel(early.ToString(), 1)]);
        return new Seed(snapshotId, runId, early, recent);
    }
}
