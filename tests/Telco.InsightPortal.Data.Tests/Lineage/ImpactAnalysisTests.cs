using Dapper;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Monitoring;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>
/// "This snapshot is bad" on both dialects, over real snapshots: s1 (the monitored deployment's training snapshot, 40
/// predictions logged), s2 appended to it (so holding its rows) and s3 replacing them (a sibling with its own branch).
/// A run trained on both s2 and s3 must appear once; s3's own run, version, deployment and app must not appear.
/// </summary>
public sealed class ImpactAnalysisTests
{
    private static readonly LineageOptions Options = new();

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheReportListsExactlyWhatWasBuiltOnTheSnapshotAndCountsItsPredictions(StoreProvider provider)
    {
        await using var monitored = await MonitoredDeployment.CreateAsync(provider, logged: 40);
        var (s1, s2, s3) = await SeedAsync(monitored);
        var analysis = Analysis(monitored);

        var report = await analysis.OfSnapshotAsync(s1);

        Assert.NotNull(report);
        Assert.Equal(
            [$"snapshot/{s2}", "run/run-1", "run/run-mixed", "model-version/churn/1", "model-version/churn/3", "deployment/churn-prod",
             "deployment/churn-mixed", "app/churn-explorer", "chart/7/t1", "dashboard/7"],
            report.Items.Select(i => i.Type + "/" + i.Id));
        Assert.Equal((40L, 0L), (report.Items.Single(i => i.Id == "churn-prod").Predictions, report.Items.Single(i => i.Id == "churn-mixed").Predictions));
        Assert.Equal(40, report.TotalPredictions);
        Assert.Equal(("customers", false), (report.Dataset, report.Truncated));
        var mixed = report.Items.Single(i => i.Id == "run-mixed");
        Assert.Equal(($"snapshot/{s2}", TrainedOn), (mixed.Via, mixed.Kind));
        Assert.DoesNotContain(report.Items, i => i.Id is "run-b" or "churn/2" or "churn-b" or "roi-threshold" || i.Id == s3.ToString());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheSiblingsReportHasOnlyItsOwnBranchAndTheSharedRun(StoreProvider provider)
    {
        await using var monitored = await MonitoredDeployment.CreateAsync(provider, logged: 0);
        var (_, _, s3) = await SeedAsync(monitored);

        var report = await Analysis(monitored).OfSnapshotAsync(s3);

        Assert.Equal(
            ["run/run-b", "run/run-mixed", "model-version/churn/2", "model-version/churn/3", "deployment/churn-b", "deployment/churn-mixed",
             "app/roi-threshold"],
            report!.Items.Select(i => i.Type + "/" + i.Id));
        Assert.Null(await Analysis(monitored).OfSnapshotAsync(999));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OpeningAlertsRaisesOnePerAffectedDeploymentAndNoneTwice(StoreProvider provider)
    {
        await using var monitored = await MonitoredDeployment.CreateAsync(provider, logged: 5);
        var (s1, _, _) = await SeedAsync(monitored);
        var alerts = new ImpactAlerts(Analysis(monitored), monitored.Alerts, monitored.Store.Audit);

        var first = await alerts.OpenAsync(s1, "labels were shifted by one row", new AuditActor("otto"));
        var second = await alerts.OpenAsync(s1, "again", new AuditActor("otto"));

        Assert.Equal(["churn-mixed", "churn-prod"], first.Raised.Select(a => a.Deployment).Order(StringComparer.Ordinal));
        Assert.Empty(second.Raised);
        Assert.Equal(["churn-mixed", "churn-prod"], second.AlreadyOpen.Order(StringComparer.Ordinal));
        var open = await monitored.Alerts.ListAsync(new AlertQuery(AlertStatus.Open));
        Assert.Equal(["churn-mixed", "churn-prod"], open.Alerts.Select(a => a.Deployment).Order(StringComparer.Ordinal));
        Assert.All(open.Alerts, a => Assert.Equal((AlertKinds.SnapshotImpact, $"snapshot/{s1}"), (a.Kind, a.Feature)));
        Assert.Contains("labels were shifted by one row", open.Alerts.Single(a => a.Deployment == "churn-prod").Message);
        Assert.Equal(5, open.Alerts.Single(a => a.Deployment == "churn-prod").Value);
        await using var c = await monitored.Store.Store.Factory.OpenAsync();
        var actions = (await c.QueryAsync<string>("SELECT action FROM audit_entries WHERE actor = 'otto' ORDER BY seq")).ToList();
        Assert.Equal(["monitoring.alert.raise", "monitoring.alert.raise", "lineage.impact.alert", "lineage.impact.alert"], actions);
        await Assert.ThrowsAsync<Core.Errors.PortalException>(() => alerts.OpenAsync(s1, "  ", new AuditActor("otto")));
    }

    private static ImpactAnalysis Analysis(MonitoredDeployment monitored)
    {
        var factory = monitored.Store.Store.Factory;
        return new ImpactAnalysis(factory, new LineageStore(factory, Options), Options);
    }

    /// <summary>s2 appends to s1, s3 replaces; the edges the stores would record for runs, versions, deployments, apps and
    /// a dashboard. churn/1 —deployed-as→ churn-prod was recorded by the deployment store itself.</summary>
    private static async Task<(long S1, long S2, long S3)> SeedAsync(MonitoredDeployment monitored)
    {
        var s1 = monitored.Deployment is { } ? await MaxSnapshotAsync(monitored) : 0;
        var s2 = (await monitored.Store.IngestAsync("customers", "tenure,MonthlyCharges,Contract,PaymentMethod\n5,30.00,One year,Mailed check\n")).Snapshot!.Id;
        var s3 = (await monitored.Store.IngestAsync("customers", "tenure,MonthlyCharges,Contract,PaymentMethod\n7,40.00,Two year,Credit card\n",
            IngestMode.Replace)).Snapshot!.Id;
        await new LineageEdges()
            .Add($"snapshot/{s1}", TrainedOn, "run/run-1")
            .Add("run/run-1", RegisteredAs, "model-version/churn/1")
            .Add("deployment/churn-prod", BoundTo, "app/churn-explorer")
            .Add("deployment/churn-prod", Reads, "chart/7/t1")
            .Add("chart/7/t1", Reads, "dashboard/7")
            .Add($"snapshot/{s2}", TrainedOn, "run/run-mixed")
            .Add($"snapshot/{s3}", TrainedOn, "run/run-mixed")
            .Add("run/run-mixed", RegisteredAs, "model-version/churn/3")
            .Add("model-version/churn/3", DeployedAs, "deployment/churn-mixed")
            .Add($"snapshot/{s3}", TrainedOn, "run/run-b")
            .Add("job-run/4", Produced, "run/run-b")
            .Add("run/run-b", RegisteredAs, "model-version/churn/2")
            .Add("person/carol", ApprovedBy, "model-version/churn/2", "carol")
            .Add("model-version/churn/2", DeployedAs, "deployment/churn-b")
            .Add("deployment/churn-b", BoundTo, "app/roi-threshold")
            .WriteAsync(monitored.Store.Store.Factory);
        return (s1, s2, s3);
    }

    private static async Task<long> MaxSnapshotAsync(MonitoredDeployment monitored)
    {
        await using var c = await monitored.Store.Store.Factory.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM snapshots");
    }
}
