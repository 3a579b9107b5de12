using Dapper;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Governance;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Registry;

namespace Telco.InsightPortal.Data.Tests.Governance;

public sealed class PolicyGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PolicyGate Gate(GovernancePolicies policies) => new(new PolicyEvaluator(new GovernanceOptions { Policies = policies }), TimeProvider.System);

    private static async Task<(long Approvals, long Audit)> CountsAsync(RegistryFixture f)
    {
        await using var c = await f.Store.Factory.OpenAsync(Ct);
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM model_approvals"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ABlockingFailureRefusesTheRequestToProductionAndWritesNothing(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora, Ct);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        var registry = f.GatedRegistry(Gate(new GovernancePolicies { MinTestAuc = new AucFloorPolicy { Blocking = true } }));
        var before = await CountsAsync(f);

        var refused = await Assert.ThrowsAsync<PromotionBlockedException>(() =>
            registry.TransitionStageAsync("churn", 1, "Production", true, "ship it", RegistryFixture.Dora, Ct));

        Assert.Equal(409, refused.Status);
        Assert.Equal([PolicyNames.MinTestAuc], refused.FailedChecks);
        Assert.Contains("Test AUC above floor: The run recorded no test AUC", refused.Message);
        Assert.Equal(before, await CountsAsync(f));
        Assert.Equal("None", (await f.Registry.GetVersionAsync("churn", 1, Ct)).CurrentStage);
        // Other stages are not gated.
        Assert.True((await registry.TransitionStageAsync("churn", 1, "Staging", false, null, RegistryFixture.Dora, Ct)).Applied);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheCreatorMayNotApproveTheirOwnVersionIntoProductionWhenFourEyesBlocks(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora, Ct);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        var registry = f.GatedRegistry(Gate(new GovernancePolicies { FourEyes = new PolicySwitch { Blocking = true } }));
        // Rita files the request for dora's version: the registry's own rule (decider ≠ requester) lets dora decide it.
        var request = (await registry.TransitionStageAsync("churn", 1, "Production", false, "ship it", RegistryFixture.Rita, Ct)).Pending!;
        var before = await CountsAsync(f);

        var refused = await Assert.ThrowsAsync<PromotionBlockedException>(() => registry.DecideAsync(request.ApprovalId, true, "mine", RegistryFixture.Dora, Ct));

        Assert.Contains("Approved by dora, who created the version", refused.Message);
        Assert.Equal(before, await CountsAsync(f));
        Assert.Equal("pending", (await f.Registry.GetApprovalAsync(request.ApprovalId, Ct)).Status);
        Assert.Equal("None", (await f.Registry.GetVersionAsync("churn", 1, Ct)).CurrentStage);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AFailingCheckThatDoesNotBlockLetsThePromotionThrough(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora, Ct);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        var registry = f.GatedRegistry(Gate(new GovernancePolicies()));

        var request = (await registry.TransitionStageAsync("churn", 1, "Production", false, "ship it", RegistryFixture.Dora, Ct)).Pending!;
        await registry.DecideAsync(request.ApprovalId, true, "fine", RegistryFixture.Rita, Ct);

        Assert.Equal("Production", (await f.Registry.GetVersionAsync("churn", 1, Ct)).CurrentStage);
        var governed = await new GovernanceStore(f.Store.Factory).VersionAsync("churn", 1, Ct);
        var checks = new PolicyEvaluator(new GovernanceOptions()).Review(governed!.Facts, DateTimeOffset.UtcNow);
        Assert.Equal(PolicyOutcome.Failed, checks.Single(c => c.Name == PolicyNames.MinTestAuc).Outcome);
    }
}
