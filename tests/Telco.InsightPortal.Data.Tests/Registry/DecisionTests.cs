using Dapper;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Registry;

/// <summary>Decisions saved on versions (migration 0014): kept per version, copied to the targets serving it with
/// their deployments' revision bumped (serving notices), audited, refused when invalid, deleted with the version.</summary>
public sealed class DecisionTests
{
    private static readonly VersionDecision Chosen = new()
    {
        Threshold = 0.35, TruePositiveValue = 500, TrueNegativeValue = 0, FalsePositiveCost = 100, FalseNegativeCost = 0,
    };

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SavingCopiesTheThresholdToServingTargetsAndNewTargetsCopyItToo(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var v1 = await RegisterAsync(f);
        var deployments = new DeploymentStore(f.Store.Factory, new AuditTrail(f.Store.Factory, TimeProvider.System), TimeProvider.System);
        var version = new ModelVersionRef("churn", "1", v1.RunId, v1.ModelPath, v1.ModelSha256, 3);
        var created = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(version, 100)], new NewKey("default", "h1", "tsk_1"), RegistryFixture.Dora))!;

        var saved = await f.Registry.SaveDecisionAsync("churn", 1, Chosen, RegistryFixture.Rita);
        var state = await deployments.GetStateAsync("churn");
        var redeployed = await deployments.SetTargetsAsync(state!.Deployment, state.Deployment.Generation, [DeploymentTarget.Of(version, 100)], "deployment.redeploy", RegistryFixture.Dora);

        Assert.Equal((0.35, "rita"), (saved.Threshold, saved.SetBy));
        Assert.Equal(0.35, state.Targets.Single().Threshold);
        Assert.True(state.Deployment.Revision > created.Revision, "serving notices a saved decision by the revision");
        Assert.Equal(0.35, redeployed!.Targets.Single().Threshold);
        Assert.Contains(("model.version.decision", "rita", "success"), await f.AuditAsync());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SavingAgainReplacesAndDeletingTheVersionDeletesItsDecision(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await RegisterAsync(f);

        await f.Registry.SaveDecisionAsync("churn", 1, Chosen, RegistryFixture.Rita);
        await f.Registry.SaveDecisionAsync("churn", 1, Chosen with { Threshold = 0.6 }, RegistryFixture.Dora);
        var replaced = await f.Registry.DecisionAsync("churn", 1);
        await f.Registry.DeleteVersionAsync("churn", 1, RegistryFixture.Dora);

        Assert.Equal((0.6, "dora"), (replaced!.Threshold, replaced.SetBy));
        await using var c = await f.Store.Factory.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM model_decisions"));
    }

    [Theory]
    [InlineData(0.0, 0, "threshold")]
    [InlineData(1.0, 0, "threshold")]
    [InlineData(double.NaN, 0, "threshold")]
    [InlineData(0.5, -1, "false positive")]
    [InlineData(0.5, double.PositiveInfinity, "false positive")]
    public async Task AnInvalidDecisionIsRefusedNamingTheFieldAndNothingIsWritten(double threshold, double falsePositiveCost, string named)
    {
        await using var f = await RegistryFixture.CreateAsync(StoreProvider.Sqlite);
        await RegisterAsync(f);

        var refused = await Assert.ThrowsAsync<TrackingException>(() =>
            f.Registry.SaveDecisionAsync("churn", 1, Chosen with { Threshold = threshold, FalsePositiveCost = falsePositiveCost }, RegistryFixture.Rita));

        Assert.Contains(named, refused.Message);
        Assert.Null(await f.Registry.DecisionAsync("churn", 1));
        Assert.DoesNotContain(await f.AuditAsync(), e => e.Action == "model.version.decision");
    }

    [Fact]
    public async Task ADecisionOnAMissingVersionIsNotFound()
    {
        await using var f = await RegistryFixture.CreateAsync(StoreProvider.Sqlite);

        var missing = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.SaveDecisionAsync("churn", 4, Chosen, RegistryFixture.Rita));

        Assert.Equal(TrackingErrors.NotFound, missing.ErrorCode);
    }

    private static async Task<ModelVersion> RegisterAsync(RegistryFixture f)
    {
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        return await f.RegisterAsync("churn", await f.TrainedRunAsync());
    }
}
