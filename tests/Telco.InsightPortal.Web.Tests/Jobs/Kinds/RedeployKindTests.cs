using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class RedeployKindTests(KindsPortal portal)
{
    [Fact]
    public async Task ADeploymentMovesToAVersionThenToAnAlias()
    {
        await portal.RegisterAsync("redeploy-churn");
        await portal.RegisterAsync("redeploy-churn");
        await portal.RegisterAsync("redeploy-churn");
        await portal.DeployAsync("redeploy-a", "redeploy-churn", 1);
        await portal.Get<RegistryStore>().SetAliasAsync("redeploy-churn", ModelAliases.Challenger, 3, null, KindsPortal.Dora, Ct);
        var before = (await Store.GetAsync("redeploy-a", Ct))!.Generation;

        var toVersion = await portal.RunAsync(JobKindCatalog.Redeploy, new() { ["deployment"] = "redeploy-a", ["version"] = 2L });
        var toAlias = await portal.RunAsync(JobKindCatalog.Redeploy, new() { ["deployment"] = "redeploy-a", ["alias"] = "challenger" });

        var state = (await Store.GetStateAsync("redeploy-a", Ct))!;
        Assert.Equal(2L, toVersion["version"]);
        Assert.Equal(before + 1, toVersion["generation"]);
        Assert.Equal(3L, toAlias["version"]);
        Assert.Equal(before + 2, toAlias["generation"]);
        Assert.Equal("3", Assert.Single(state.Targets).Version);
        Assert.Equal(before + 2, state.Deployment.Generation);
    }

    [Theory]
    [InlineData(true, true, "both were (version 2, alias challenger)")]
    [InlineData(false, false, "neither was given")]
    public async Task BothOrNeitherOfVersionAndAliasIsRefused(bool version, bool alias, string reason)
    {
        await portal.RegisterAsync("redeploy-args");
        await portal.RegisterAsync("redeploy-args");
        if (await Store.GetAsync("redeploy-b", Ct) is null) await portal.DeployAsync("redeploy-b", "redeploy-args", 1);
        var parameters = new Dictionary<string, object> { ["deployment"] = "redeploy-b" };
        if (version) parameters["version"] = 2L;
        if (alias) parameters["alias"] = "challenger";
        var before = (await Store.GetStateAsync("redeploy-b", Ct))!;

        var step = await portal.RunAsync(JobKindCatalog.Redeploy, parameters);

        Assert.Contains("Give exactly one of 'version' and 'alias'", step.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, step.Reason, StringComparison.Ordinal);
        Assert.Equal(before.Deployment.Generation, (await Store.GetAsync("redeploy-b", Ct))!.Generation);
    }

    [Fact]
    public async Task AnUnknownDeploymentOrVersionFailsAndNothingChanges()
    {
        await portal.RegisterAsync("redeploy-missing");
        await portal.DeployAsync("redeploy-c", "redeploy-missing", 1);

        var deployment = await portal.RunAsync(JobKindCatalog.Redeploy, new() { ["deployment"] = "redeploy-nowhere", ["version"] = 1L });
        var version = await portal.RunAsync(JobKindCatalog.Redeploy, new() { ["deployment"] = "redeploy-c", ["version"] = 7L });
        var alias = await portal.RunAsync(JobKindCatalog.Redeploy, new() { ["deployment"] = "redeploy-c", ["alias"] = "champion" });

        Assert.Contains("No deployment named 'redeploy-nowhere'", deployment.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Deployment 'redeploy-c' was not redeployed to version 7", version.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Deployment 'redeploy-c' was not redeployed to alias @champion", alias.Reason, StringComparison.Ordinal);
        var state = (await Store.GetStateAsync("redeploy-c", Ct))!;
        Assert.Equal(1, state.Deployment.Generation);
        Assert.Equal("1", Assert.Single(state.Targets).Version);
    }

    private DeploymentStore Store => portal.Get<DeploymentStore>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
