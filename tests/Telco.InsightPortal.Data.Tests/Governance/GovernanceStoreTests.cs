using Dapper;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Governance;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Registry;

namespace Telco.InsightPortal.Data.Tests.Governance;

public sealed class GovernanceStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>churn v1: a complete card, approved to Production by rita, served by churn-prod (which has an open drift
    /// alert 10 days old, a resolved one and an error-rate alert); churn v2: a bare version with the challenger alias,
    /// served by nothing now (an older generation of churn-prod served it); towers v1: bare.</summary>
    private static async Task SeedAsync(RegistryFixture f)
    {
        var good = await f.TrainedRunAsync();
        await f.Tracking.LogMetricAsync(good, new("roc_auc", 0.84, 1, 0), Ct);
        await f.Tracking.SetTagAsync(good, new(GovernanceStore.SlicesTag, "aa"), Ct);
        await f.Tracking.SetTagAsync(good, new(GovernanceStore.ImportanceTag, "bb"), Ct);
        await f.Registry.CreateModelAsync("churn", "Churn propensity", [], RegistryFixture.Dora, Ct);
        await f.Registry.CreateModelAsync("towers", null, [], RegistryFixture.Rita, Ct);
        await f.RegisterAsync("churn", good);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        await f.RegisterAsync("towers", await f.TrainedRunAsync());
        await f.Registry.UpdateVersionAsync("churn", 1, "Ranks customers for retention offers.", RegistryFixture.Dora, Ct);
        await f.Registry.SaveDecisionAsync("churn", 1, new VersionDecision { Threshold = 0.4, TruePositiveValue = 300, FalsePositiveCost = 25 },
            RegistryFixture.Dora, Ct);
        var request = await f.Registry.TransitionStageAsync("churn", 1, "Production", false, "ship it", RegistryFixture.Dora, Ct);
        await f.Registry.DecideAsync(request.Pending!.ApprovalId, true, "card checked", RegistryFixture.Rita, Ct);
        await f.Registry.SetAliasAsync("churn", "challenger", 2, null, RegistryFixture.Dora, Ct);
        var alerts = new AlertStore(f.Store.Factory, new Data.Audit.AuditTrail(f.Store.Factory, TimeProvider.System), TimeProvider.System);
        var drift = await alerts.RaiseAsync(new("churn-prod", AlertKinds.Drift, "tenure", "alert", "tenure drifted", 0.3, 0.25), RegistryFixture.Dora, Ct);
        var old = await alerts.RaiseAsync(new("churn-prod", AlertKinds.Drift, "Contract", "warn", "Contract drifted", 0.12, 0.1), RegistryFixture.Dora, Ct);
        await alerts.ResolveAsync(old.Id, RegistryFixture.Dora, Ct);
        await alerts.RaiseAsync(new("churn-prod", AlertKinds.ErrorRate, null, "warn", "errors", 0.1, 0.05), RegistryFixture.Dora, Ct);
        await using var c = await f.Store.Factory.OpenAsync(Ct);
        await c.ExecuteAsync("""
            INSERT INTO deployments (id, name, engines_per_process, status, generation, revision, created_by, created_at, updated_at)
            VALUES (1, 'churn-prod', 1, 'active', 2, 2, 'dora', 3000, 3000);
            INSERT INTO deployment_targets (deployment_id, generation, model, version, run_id, model_path, sha256, weight, created_at)
            VALUES (1, 1, 'churn', '2', 'r', 'm', 'aa', 100, 3000), (1, 2, 'churn', '1', 'r', 'm', 'aa', 100, 4000);
            UPDATE monitoring_alerts SET opened_at = @OpenedAt WHERE id = @Id;
            """, new { OpenedAt = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeMilliseconds(), drift.Id });
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EveryModelAndVersionComesWithWhatGovernanceAsks(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await SeedAsync(f);

        var models = await new GovernanceStore(f.Store.Factory).ModelsAsync(Ct);

        Assert.Equal(["churn", "towers"], models.Select(m => m.Name));
        var churn = models[0];
        Assert.Equal(("Churn propensity", "dora"), (churn.Description, churn.Owner));
        Assert.Equal([2L, 1L], churn.Versions.Select(v => v.Version));
        var (v2, v1) = (churn.Versions[0], churn.Versions[1]);
        Assert.Equal(("Production", "dora", 0.84), (v1.Stage, v1.Facts.CreatedBy, v1.Facts.TestAuc));
        Assert.True(v1.Facts.Card.Complete);
        Assert.Equal((0.4, 300d, 25d, "dora"), (v1.Decision!.Threshold, v1.Decision.TruePositiveValue, v1.Decision.FalsePositiveCost, v1.Decision.SetBy));
        var approval = Assert.Single(v1.Facts.Approvals);
        Assert.Equal(("approved", "dora", "ship it", "rita", "card checked"),
            (approval.Status, approval.RequestedBy, approval.RequestComment, approval.DecidedBy, approval.DecisionComment));
        Assert.Equal(["churn-prod"], v1.Facts.Deployments);
        var alert = Assert.Single(v1.Facts.OpenDriftAlerts);
        Assert.Equal(("tenure", "alert", "open"), (alert.Feature, alert.Severity, alert.Status));

        Assert.Equal(["challenger"], v2.Aliases);
        Assert.Null(v2.Facts.TestAuc);
        Assert.Empty(v2.Facts.Deployments);
        Assert.Equal([CardSections.IntendedUse, CardSections.TestMetrics, CardSections.FeatureImportance, CardSections.SliceMetrics, CardSections.Decision],
            v2.Facts.Card.Missing);
        Assert.Single(models[1].Versions);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheEvaluatorReadsTheStoredFactsAsTheyAre(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await SeedAsync(f);
        var store = new GovernanceStore(f.Store.Factory);

        var v1 = await store.VersionAsync("churn", 1, Ct);
        var checks = new PolicyEvaluator(new GovernanceOptions()).Review(v1!.Facts, DateTimeOffset.UtcNow);

        Assert.Null(await store.VersionAsync("churn", 9, Ct));
        Assert.Equal([PolicyOutcome.Passed, PolicyOutcome.Passed, PolicyOutcome.Passed, PolicyOutcome.Failed], checks.Select(c => c.Outcome));
        Assert.Contains("churn-prod on tenure", checks[3].Reason);
    }
}
