using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Evidence;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Evidence;

public sealed class EvidencePackTests
{
    private static readonly AuditActor Otto = new("otto", "203.0.113.9", "curl/8");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APackOfAnApprovedVersionVerifiesOfflineAndIsCoveredByANewCheckpoint(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var runId = await f.TrainedRunAsync();
        await f.Tracking.LogParamAsync(runId, new TrackingParam("trainer", "logistic"));
        await f.Tracking.LogMetricAsync(runId, new TrackingMetric("roc_auc", 0.84, 1, 0));
        await f.Registry.CreateModelAsync("churn", "Churn <propensity>", [], RegistryFixture.Dora);
        await f.RegisterAsync("churn", runId);
        await f.Registry.UpdateVersionAsync("churn", 1, "Rank customers by churn risk for retention offers", RegistryFixture.Dora);
        await f.Registry.TransitionStageAsync("churn", 1, "Staging", false, null, RegistryFixture.Dora);
        var request = (await f.Registry.TransitionStageAsync("churn", 1, "Production", true, "ready", RegistryFixture.Dora)).Pending!;
        await f.Registry.DecideAsync(request.ApprovalId, true, "card reviewed", RegistryFixture.Rita);
        var (packs, key) = Packs(f);

        using var zip = new MemoryStream();
        var info = await packs.BuildAsync("churn", 1, Otto, zip);
        var result = PackVerifier.Verify(new MemoryStream(zip.ToArray()), key.PublicKey.Fingerprint);
        var document = JsonSerializer.Deserialize<EvidenceDocument>(Read(zip, PackLayout.Document), EvidenceJson.Options)!;

        Assert.True(result.Ok, result.Message);
        Assert.True(result.KeyPinned);
        Assert.Equal(info.CheckpointSeq, result.CheckpointSeq);
        Assert.True(info.CheckpointSeq >= info.PackEntrySeq);
        Assert.Equal(("Rank customers by churn risk for retention offers", "Churn <propensity>", "Production"),
            (document.General.IntendedUse, document.General.ModelDescription, document.General.Stage));
        Assert.Equal([("trainer", "logistic")], document.Development.Run!.Params.Select(p => (p.Key, p.Value)));
        Assert.Equal(0.84, document.Development.Metrics.Single(m => m.Key == "roc_auc").Value);
        var approval = Assert.Single(document.Lifecycle.Approvals);
        Assert.Equal(("dora", "rita", "approved", "card reviewed"), (approval.RequestedBy, approval.DecidedBy, approval.Status, approval.DecisionComment));
        Assert.Contains(document.Lifecycle.Changes, c => c.Action == "model.version.stage" && c.Details!.Contains("\"after\":\"Production\""));
        Assert.Contains(document.Records.Entries, e => e.Action == "run.create" && e.TargetId == runId);
        Assert.Contains(document.Records.Entries, e => e.Action == "model.approval.approve");
        Assert.DoesNotContain(document.Records.Entries, e => e.TargetType == "user");
        await using var connection = await f.Store.Factory.OpenAsync();
        var packEntry = await connection.QuerySingleAsync<(string Action, string Actor, string Details)>(
            "SELECT action, actor, details FROM audit_entries WHERE seq = @Seq", new { Seq = info.PackEntrySeq });
        Assert.Equal(("evidence.pack", "otto"), (packEntry.Action, packEntry.Actor));
        Assert.Contains(info.ManifestSha256, packEntry.Details);
        Assert.True((await new AuditVerifier(f.Store.Factory, key).VerifyAsync()).Ok);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ADeployedVersionCarriesItsDecisionDeploymentsAndOnlyTheAlertsOfItsDeployments(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var runId = await f.TrainedRunAsync();
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        var v1 = await f.RegisterAsync("churn", runId);
        var trail = new AuditTrail(f.Store.Factory, TimeProvider.System);
        var deployments = new DeploymentStore(f.Store.Factory, trail, TimeProvider.System);
        var target = DeploymentTarget.Of(new ModelVersionRef("churn", "1", v1.RunId, v1.ModelPath, v1.ModelSha256, 3), 100);
        await deployments.CreateAsync("churn-live", 1, [target], new NewKey("default", "h1", "tsk_1"), RegistryFixture.Dora);
        await deployments.CreateAsync("elsewhere", 1, [DeploymentTarget.Of(new ModelVersionRef("other", "4", v1.RunId, v1.ModelPath, v1.ModelSha256, 3), 100)],
            new NewKey("default", "h2", "tsk_2"), RegistryFixture.Dora);
        await f.Registry.SaveDecisionAsync("churn", 1, new VersionDecision { Threshold = 0.35, TruePositiveValue = 500, FalsePositiveCost = 100 }, RegistryFixture.Rita);
        var alerts = new AlertStore(f.Store.Factory, trail, TimeProvider.System);
        var ours = await alerts.RaiseAsync(new NewAlert("churn-live", AlertKinds.Drift, "tenure", "alert", "tenure drifted", 0.31, 0.2), AuditActor.System);
        var theirs = await alerts.RaiseAsync(new NewAlert("elsewhere", AlertKinds.Drift, "tenure", "alert", "tenure drifted", 0.4, 0.2), AuditActor.System);
        var (packs, key) = Packs(f);

        using var zip = new MemoryStream();
        await packs.BuildAsync("churn", 1, Otto, zip);
        var result = PackVerifier.Verify(new MemoryStream(zip.ToArray()), key.PublicKey.Fingerprint);
        var document = JsonSerializer.Deserialize<EvidenceDocument>(Read(zip, PackLayout.Document), EvidenceJson.Options)!;

        Assert.True(result.Ok, result.Message);
        Assert.Equal((0.35, 500.0, 100.0, "rita"), (document.General.Decision!.Threshold, document.General.Decision.TruePositiveValue,
            document.General.Decision.FalsePositiveCost, document.General.Decision.SetBy));
        var deployment = Assert.Single(document.Monitoring.Deployments);
        Assert.Equal(("churn-live", "active"), (deployment.Name, deployment.Status));
        Assert.Equal(ours.Id, Assert.Single(document.Monitoring.Alerts).Id);
        Assert.Contains(document.Records.Entries, e => e.Action == "deployment.create" && e.TargetId == "churn-live");
        Assert.Contains(document.Records.Entries, e => e.Action == "monitoring.alert.raise" && e.TargetId == ours.Id.ToString());
        Assert.DoesNotContain(document.Records.Entries, e => e.TargetId == "elsewhere" || e.TargetId == theirs.Id.ToString());
        Assert.Contains(document.Lifecycle.Changes, c => c.Action == "deployment.create");
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnUnknownVersionIsNotFoundAndWritesNothing(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var (packs, _) = Packs(f);
        await using var connection = await f.Store.Factory.OpenAsync();
        var before = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries");

        var error = await Assert.ThrowsAsync<PortalException>(() => packs.BuildAsync("churn", 7, Otto, new MemoryStream()));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    [Fact]
    public async Task TheChainFileStartsAtTheFirstCitedEntryAndEndsAtTheCheckpoint()
    {
        await using var f = await RegistryFixture.CreateAsync(StoreProvider.Sqlite);
        var trail = new AuditTrail(f.Store.Factory, TimeProvider.System);
        for (var i = 0; i < 5; i++) await trail.AppendAsync(new AuditActor("someone"), new AuditEvent("user.signin", "user", "someone"));
        var runId = await f.TrainedRunAsync();
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        await f.RegisterAsync("churn", runId);
        await trail.AppendAsync(new AuditActor("someone"), new AuditEvent("user.signout", "user", "someone"));
        var (packs, _) = Packs(f);

        using var zip = new MemoryStream();
        var info = await packs.BuildAsync("churn", 1, Otto, zip);
        var lines = Encoding.UTF8.GetString(Read(zip, PackLayout.Entries)).TrimEnd('\n').Split('\n').Select(l => PackEntries.Parse(Encoding.UTF8.GetBytes(l))).ToList();

        Assert.Equal(6L, info.FirstSeq);
        Assert.Equal("run.create", lines[0].Action);
        Assert.Equal(Enumerable.Range(6, lines.Count).Select(i => (long)i), lines.Select(e => e.Seq));
        Assert.Equal(info.CheckpointSeq, lines[^1].Seq);
        Assert.Contains(lines, e => e.Action == "user.signout");
    }

    private static (EvidencePacks Packs, CheckpointKey Key) Packs(RegistryFixture f)
    {
        var key = CheckpointKey.Generate();
        var trail = new AuditTrail(f.Store.Factory, TimeProvider.System);
        var packs = new EvidencePacks(f.Store.Factory, new EvidenceFacts(f.Store.Factory, TimeProvider.System), trail,
            new AuditCheckpoints(f.Store.Factory, key, TimeProvider.System), key);
        return (packs, key);
    }

    private static byte[] Read(MemoryStream zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
