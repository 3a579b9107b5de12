using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Tests.Tracking;

public sealed class ArtifactRecordTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task UploadIsAuditedWithThePlacement(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");
        var placed = new List<string>();

        await f.Tracking.RecordArtifactUploadAsync(runId, "plots/roc.png", 12, "ab12", TrackingFixture.Scientist, run => placed.Add(run.Info.RunId));

        Assert.Equal([runId], placed);
        Assert.Equal(["run.create", "run.artifact.upload"], await f.AuditActionsAsync());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RefusedPlacementLeavesNoAuditEntry(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var runId = await f.NewRunAsync(0, "r1");

        var error = await Assert.ThrowsAsync<TrackingException>(() => f.Tracking.RecordArtifactUploadAsync(runId, "model.zip", 1, "00",
            TrackingFixture.Scientist, _ => throw TrackingException.InvalidState("written by the trainer")));

        Assert.Equal(TrackingErrors.InvalidState, error.ErrorCode);
        Assert.Equal(["run.create"], await f.AuditActionsAsync());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ExistingRunIdsKnowsDeletedRunsAndNotStrangers(StoreProvider provider)
    {
        await using var f = await TrackingFixture.CreateAsync(provider);
        var active = await f.NewRunAsync(0, "r1");
        var deleted = await f.NewRunAsync(0, "r2");
        await f.Tracking.SetRunStageAsync(deleted, LifecycleStages.Deleted, TrackingFixture.Scientist);

        var known = await f.Tracking.ExistingRunIdsAsync([active, deleted, "0123456789abcdef0123456789abcdef", "not-a-run"]);

        Assert.Equal(new HashSet<string> { active, deleted }, known);
    }
}
