using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Registry;

public sealed class RegistryStoreTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task VersionsFromRunsCarryLineageAndHashAndAreNumberedPerModel(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        var first = await f.TrainedRunAsync(snapshotId: 3);
        var second = await f.TrainedRunAsync(snapshotId: 4);
        await f.Registry.CreateModelAsync("churn", "Churn propensity", [new("team", "retention")], RegistryFixture.Dora);
        await f.Registry.CreateModelAsync("towers", null, [], RegistryFixture.Dora);

        var v1 = await f.RegisterAsync("churn", first);
        var v2 = await f.RegisterAsync("churn", second);
        var other = await f.RegisterAsync("towers", first);
        await f.Registry.DeleteVersionAsync("churn", 2, RegistryFixture.Dora);
        var v3 = await f.RegisterAsync("churn", second);

        Assert.Equal((1L, 2L, 1L, 3L), (v1.Version, v2.Version, other.Version, v3.Version));
        Assert.Equal(($"runs/{first}/model.zip", "telco-churn", 3L, "READY", "None"), (v1.ModelPath, v1.Dataset, v1.SnapshotId!.Value, v1.Status, v1.CurrentStage));
        var tag = (await f.Tracking.GetRunAsync(first)).Tags.Single(t => t.Key == "artifact.model.zip.sha256").Value;
        Assert.Equal(tag, v1.ModelSha256);
        Assert.Equal("dora", v1.CreatedBy);
        var model = await f.Registry.GetModelAsync("churn");
        Assert.Equal(("Churn propensity", "retention"), (model.Description, model.Tags.Single().Value));
        Assert.Equal([1L, 3L], (await f.Registry.ListVersionsAsync("churn")).Select(v => v.Version).Order());
        Assert.Equal(["model.create", "model.create", "model.version.create", "model.version.create", "model.version.create", "model.version.delete", "model.version.create"],
            (await f.AuditAsync()).Select(a => a.Action));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ProductionWaitsForASecondPersonWhoseApprovalAppliesItAndArchivesThePrevious(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        await f.RegisterAsync("churn", await f.TrainedRunAsync());
        var first = await f.Registry.TransitionStageAsync("churn", 1, "production", false, "first model", RegistryFixture.Dora);
        await f.Registry.DecideAsync(first.Pending!.ApprovalId, true, "Checked the card", RegistryFixture.Rita);

        var change = await f.Registry.TransitionStageAsync("churn", 2, "Production", true, "Better AUC", RegistryFixture.Dora);
        var own = await Assert.ThrowsAsync<FourEyesException>(() => f.Registry.DecideAsync(change.Pending!.ApprovalId, true, "LGTM", RegistryFixture.Dora));
        var waiting = await f.Registry.GetVersionAsync("churn", 2);
        var decided = await f.Registry.DecideAsync(change.Pending!.ApprovalId, true, "Slices look fair", RegistryFixture.Rita);

        Assert.False(change.Applied);
        Assert.Equal(("pending", "dora", "Better AUC", "stage Production"), (change.Pending.Status, change.Pending.RequestedBy, change.Pending.RequestComment, change.Pending.Describe()));
        Assert.Contains("another DataScientist or Admin must decide", own.Message);
        Assert.Equal("None", waiting.CurrentStage);
        Assert.Equal(("approved", "rita", "Slices look fair"), (decided.Status, decided.DecidedBy, decided.DecisionComment));
        Assert.Equal("Production", (await f.Registry.GetVersionAsync("churn", 2)).CurrentStage);
        Assert.Equal("Archived", (await f.Registry.GetVersionAsync("churn", 1)).CurrentStage);
        Assert.Equal([2L], (await f.Registry.GetLatestVersionsAsync("churn", ["Production"])).Select(v => v.Version));
        Assert.Equal(
        [
            ("model.approval.request", "dora", "success"), ("model.approval.approve", "dora", "denied"),
            ("model.approval.approve", "rita", "success"), ("model.version.stage", "rita", "success"), ("model.version.stage", "rita", "success"),
        ], (await f.AuditAsync()).Skip(6));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ChampionNeedsApprovalWhileOtherAliasesAndStagesChangeDirectly(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        await f.RegisterAsync("churn", await f.TrainedRunAsync());

        var challenger = await f.Registry.SetAliasAsync("churn", "challenger", 1, null, RegistryFixture.Dora);
        var staging = await f.Registry.TransitionStageAsync("churn", 1, "Staging", false, null, RegistryFixture.Dora);
        var champion = await f.Registry.SetAliasAsync("churn", "Champion", 1, "ship it", RegistryFixture.Dora);
        var duplicate = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.SetAliasAsync("churn", "Champion", 1, null, RegistryFixture.Dora));
        var rejected = await f.Registry.DecideAsync(champion.Pending!.ApprovalId, false, "Wait for the drift report", RegistryFixture.Rita);
        var again = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.DecideAsync(champion.Pending.ApprovalId, true, "ok", RegistryFixture.Rita));
        var noComment = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.DecideAsync(champion.Pending.ApprovalId, true, "  ", RegistryFixture.Rita));

        Assert.True(challenger.Applied);
        Assert.Equal(["challenger"], challenger.Version.Aliases);
        Assert.Equal("Staging", staging.Version.CurrentStage);
        Assert.False(champion.Applied);
        Assert.Equal(TrackingErrors.AlreadyExists, duplicate.ErrorCode);
        Assert.Equal("rejected", rejected.Status);
        Assert.Contains("already rejected by rita", again.Message);
        Assert.Contains("needs a comment", noComment.Message);
        Assert.Equal(["challenger"], (await f.Registry.GetModelAsync("churn")).Aliases.Select(a => a.Alias));
        Assert.Empty(await f.Registry.ListApprovalsAsync("churn", pendingOnly: true));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ResolverFindsVersionsAndAliasesAndNamesWhatIsMissing(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        var runId = await f.TrainedRunAsync(snapshotId: 9);
        var version = await f.RegisterAsync("churn", runId);
        var request = await f.Registry.SetAliasAsync("churn", "champion", 1, null, RegistryFixture.Dora);
        await f.Registry.DecideAsync(request.Pending!.ApprovalId, true, "approved after review", RegistryFixture.Rita);
        var resolver = new ModelVersionResolver(f.Registry);

        var byVersion = await resolver.ResolveAsync("churn", "1", null);
        var byAlias = await resolver.ResolveAsync("churn", null, "champion");
        var noModel = await Assert.ThrowsAsync<Core.Registry.ModelVersionNotFoundException>(() => resolver.ResolveAsync("fraud", "1", null));
        var noVersion = await Assert.ThrowsAsync<Core.Registry.ModelVersionNotFoundException>(() => resolver.ResolveAsync("churn", "7", null));
        var noAlias = await Assert.ThrowsAsync<Core.Registry.ModelVersionNotFoundException>(() => resolver.ResolveAsync("churn", null, "challenger"));
        var both = await Assert.ThrowsAsync<Core.Registry.ModelVersionNotFoundException>(() => resolver.ResolveAsync("churn", "1", "champion"));

        Assert.Equal(new Core.Registry.ModelVersionRef("churn", "1", runId, $"runs/{runId}/model.zip", version.ModelSha256, 9), byVersion);
        Assert.Equal(byVersion, byAlias);
        Assert.Contains("'fraud'", noModel.Message);
        Assert.Contains("version '7'", noVersion.Message);
        Assert.Contains("alias 'challenger'", noAlias.Message);
        Assert.Contains("not both", both.Message);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task OnlyAFinishedRunWithAnUnchangedModelZipCanBeRegistered(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        await f.Registry.CreateModelAsync("churn", null, [], RegistryFixture.Dora);
        var running = await f.TrainedRunAsync(status: "RUNNING");
        var tampered = await f.TrainedRunAsync();
        await File.AppendAllTextAsync(Path.Combine(f.ArtifactRoot, "runs", tampered, "model.zip"), "x");

        var notFinished = await Assert.ThrowsAsync<TrackingException>(() => f.RegisterAsync("churn", running));
        var changed = await Assert.ThrowsAsync<TrackingException>(() => f.RegisterAsync("churn", tampered));
        var noModel = await Assert.ThrowsAsync<TrackingException>(() => f.RegisterAsync("fraud", tampered));

        Assert.Contains("only a FINISHED run can be registered", notFinished.Message);
        Assert.Contains("has changed since training", changed.Message);
        Assert.Equal(TrackingErrors.NotFound, noModel.ErrorCode);
        Assert.Empty(await f.Registry.ListVersionsAsync("churn"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task SearchFiltersByNameAndTagsPagesAndRefusesUnknownAttributes(StoreProvider provider)
    {
        await using var f = await RegistryFixture.CreateAsync(provider);
        foreach (var name in new[] { "churn-a", "churn-b", "churn-c", "towers" })
            await f.Registry.CreateModelAsync(name, null, [new("team", name.StartsWith("churn") ? "retention" : "network")], RegistryFixture.Dora);
        await f.Registry.RenameModelAsync("churn-c", "churn-z", RegistryFixture.Dora);

        var first = await f.Registry.SearchModelsAsync("name LIKE 'churn%' and tags.team = 'retention'", 2, ["name DESC"], null);
        var second = await f.Registry.SearchModelsAsync("name LIKE 'churn%' and tags.team = 'retention'", 2, ["name DESC"], first.NextPageToken);
        var exact = await f.Registry.SearchModelsAsync("name = 'towers'", null, null, null);
        var bad = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.SearchModelsAsync("owner = 'x'; DROP TABLE runs", null, null, null));
        var badOrder = await Assert.ThrowsAsync<TrackingException>(() => f.Registry.SearchModelsAsync(null, null, ["name; DROP TABLE runs"], null));
        await f.Registry.DeleteModelAsync("towers", RegistryFixture.Dora);

        Assert.Equal(["churn-z", "churn-b"], first.Models.Select(m => m.Name));
        Assert.Equal(["churn-a"], second.Models.Select(m => m.Name));
        Assert.Null(second.NextPageToken);
        Assert.Equal("towers", exact.Models.Single().Name);
        Assert.Contains("Invalid filter", bad.Message);
        Assert.Contains("Invalid order_by", badOrder.Message);
        Assert.Equal(TrackingErrors.NotFound, (await Assert.ThrowsAsync<TrackingException>(() => f.Registry.GetModelAsync("towers"))).ErrorCode);
    }
}
