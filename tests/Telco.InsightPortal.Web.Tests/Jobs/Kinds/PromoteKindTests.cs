using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class PromoteKindTests(KindsPortal portal)
{
    [Fact]
    public async Task StagingAndChallengerAreAppliedAtOnce()
    {
        var version = await portal.RegisterAsync("promote-direct");

        var staging = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-direct", ["version"] = version, ["to"] = "staging" });
        var challenger = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-direct", ["version"] = version, ["to"] = "challenger" });

        var after = await Registry.GetVersionAsync("promote-direct", version, Ct);
        Assert.Equal(true, staging["applied"]);
        Assert.Null(staging["requestId"]);
        Assert.Equal(true, challenger["applied"]);
        Assert.Equal(ModelStages.Staging, after.CurrentStage);
        Assert.Equal([ModelAliases.Challenger], after.Aliases);
        Assert.Empty(await Registry.ListApprovalsAsync("promote-direct", pendingOnly: false, Ct));
    }

    [Fact]
    public async Task ProductionAndChampionFileRequestsThatTheJobNeverApplies()
    {
        var version = await portal.RegisterAsync("promote-gated");

        var production = await portal.RunAsync(JobKindCatalog.Promote,
            new() { ["model"] = "promote-gated", ["version"] = version, ["to"] = "production", ["comment"] = "Beat the champion by 0.02." });
        var champion = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-gated", ["version"] = version, ["to"] = "champion" });
        var retried = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-gated", ["version"] = version, ["to"] = "champion" });

        var after = await Registry.GetVersionAsync("promote-gated", version, Ct);
        var requests = await Registry.ListApprovalsAsync("promote-gated", pendingOnly: true, Ct);
        Assert.Equal(false, production["applied"]);
        Assert.Equal(false, champion["applied"]);
        Assert.Equal(ModelStages.None, after.CurrentStage);
        Assert.Empty(after.Aliases);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("job:nightly", r.RequestedBy));
        var stage = Assert.Single(requests, r => r.TargetKind == ApprovalTargets.Stage);
        Assert.Equal(stage.ApprovalId, production["requestId"]);
        Assert.Equal("Beat the champion by 0.02.", stage.RequestComment);
        Assert.Equal(champion["requestId"], retried["requestId"]);
        Assert.Contains(retried.Log, l => l.Contains("already pending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownVersionOrTargetFailsWithTheReason()
    {
        await portal.RegisterAsync("promote-bad");

        var unknownVersion = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-bad", ["version"] = 9L, ["to"] = "staging" });
        var unknownModel = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-none", ["version"] = 1L, ["to"] = "champion" });
        var unknownTarget = await portal.RunAsync(JobKindCatalog.Promote, new() { ["model"] = "promote-bad", ["version"] = 1L, ["to"] = "archived" });

        Assert.Contains("version=9", unknownVersion.Reason, StringComparison.Ordinal);
        Assert.Contains("promote-none", unknownModel.Reason, StringComparison.Ordinal);
        Assert.Contains("Cannot promote to 'archived'", unknownTarget.Reason, StringComparison.Ordinal);
        Assert.Equal(ModelStages.None, (await Registry.GetVersionAsync("promote-bad", 1, Ct)).CurrentStage);
    }

    private RegistryStore Registry => portal.Get<RegistryStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
