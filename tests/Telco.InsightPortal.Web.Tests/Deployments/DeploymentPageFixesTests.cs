using Bunit;
using Bunit.TestDoubles;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The deployment page: what redeploy starts from and refuses, the run link, the figures after a score,
/// the key name, and the error-rate axis.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class DeploymentPageFixesTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    private async Task<IRenderedComponent<DeploymentPage>> PageAsync(string name)
    {
        await DeployAsync(name);
        SignInScientist();
        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, name));
        page.WaitForElement("#target-input");
        return page;
    }

    private static string Figure(IRenderedComponent<DeploymentPage> page, string label) =>
        page.FindAll("#deployment-figures .mud-paper").Single(p => p.Children[0].TextContent.Trim() == label).Children[1].TextContent.Trim();

    [Fact]
    public async Task RedeployStartsFromTheServedVersionWhenTheModelHasNoAliasAndTheRunIdLinksToItsRun()
    {
        var page = await PageAsync("churn-prefill");
        var target = (await Portal.Get<Data.Deployments.DeploymentStore>().GetStateAsync("churn-prefill", Ct))!.Targets.Single();

        Assert.Empty((await Portal.Get<RegistryStore>().ListVersionsAsync("churn", Ct)).SelectMany(v => v.Aliases));
        Assert.Equal("1", page.Find("#target-input").GetAttribute("value"));
        Assert.Equal($"/runs/{target.RunId}", page.Find("#target-table .target-run").GetAttribute("href"));
    }

    [Fact]
    public void RedeployPrefersChampionThenAnotherAliasOverTheServedVersion()
    {
        static ModelVersion V(long version, params string[] aliases) =>
            new(1, "churn", version, "", "r", "", "", null, null, "None", "", "READY", "dora", 0, 0) { Aliases = aliases };

        Assert.Equal("@champion", TargetChoice.Prefill([V(1, "challenger"), V(2, "champion")], "1"));
        Assert.Equal("@challenger", TargetChoice.Prefill([V(1), V(2, "challenger")], "1"));
        Assert.Equal("1", TargetChoice.Prefill([V(1), V(2)], "1"));
    }

    [Theory]
    [InlineData("churn-no-alias", "@champion", "Model 'churn' has no alias '@champion'. It has no aliases yet.")]
    [InlineData("churn-no-version", "7", "Model 'churn' has no version '7'. Its versions: 1.")]
    [InlineData("churn-not-a-version", "v1", "Model 'churn' has no version 'v1'. Its versions: 1.")]
    [InlineData("churn-no-target", " ", "Name a version (e.g. 3) or an alias (e.g. @champion).")]
    public async Task AnUnknownTargetIsRefusedBeforeAnyConfirmOpens(string name, string target, string reason)
    {
        var page = await PageAsync(name);
        var dialogs = Render<MudBlazor.MudDialogProvider>();

        page.Find("#target-input").Change(target);
        page.Find("#redeploy-button").Click();
        var redeploy = page.WaitForElement("#target-error").TextContent;
        page.Find("#canary-button").Click();

        Assert.Equal(reason, redeploy);
        page.WaitForAssertion(() => Assert.Equal(reason, page.Find("#target-error").TextContent));
        Assert.Empty(dialogs.FindAll(".mud-message-box"));
    }

    [Fact]
    public void ACanaryShareMustLeaveTrafficForBothTargets()
    {
        // The numeric field clamps to 1..99 already; this is the check the handler makes whatever the field let through.
        Assert.Contains("1 to 99 %", TargetChoice.WeightProblem(0));
        Assert.Contains("1 to 99 %", TargetChoice.WeightProblem(100));
        Assert.Null(TargetChoice.WeightProblem(99));
    }

    [Fact]
    public async Task TheRequestTileCountsATryItScoreWithoutAReload()
    {
        var page = await PageAsync("churn-tiles");
        page.WaitForElement("#try-score", TimeSpan.FromSeconds(20));
        var before = Figure(page, "Requests");

        page.Find("#try-score").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#try-result")), TimeSpan.FromSeconds(20));
        page.WaitForAssertion(() => Assert.Equal("1", Figure(page, "Requests")), TimeSpan.FromSeconds(10));
        Assert.Equal("0", before);
        Assert.StartsWith("0 (", Figure(page, "Errors"));
        Assert.NotEqual("—", Figure(page, "p50 (last day)"));
    }

    [Fact]
    public async Task AKeyWithoutANameIsRefusedAtTheFieldWhichSaysItIsRequired()
    {
        await DeployAsync("churn-unnamed");
        SignInScientist();
        var deployment = (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync("churn-unnamed", Ct))!;
        var keys = Render<KeysPanel>(p => p.Add(x => x.Deployment, deployment).Add(x => x.CanWrite, true));
        keys.WaitForAssertion(() => Assert.Equal(2, keys.FindAll("#key-table tbody tr").Count));

        keys.Find("#key-create").Click();

        keys.WaitForAssertion(() => Assert.Contains(KeysPanel.NameRequired, keys.Markup));
        Assert.Contains("New key's name (required)", keys.Markup);
        Assert.Empty(keys.FindAll("#access-key"));
        Assert.Equal(2, (await Portal.Get<Serving.Deployments.DeploymentService>().KeysAsync("churn-unnamed", Ct)).Count);
    }

    [Fact]
    public async Task TheErrorRateAxisNeverGoesBelowZero()
    {
        await DeployAsync("churn-axis");
        SignIn("rita", Web.Security.Policies.DeploymentsRead);
        var store = Portal.Get<Data.Deployments.DeploymentStore>();
        var d = (await store.GetAsync("churn-axis", Ct))!;
        var minute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000;
        await store.WritePredictionsAsync([], [new Data.Deployments.CounterDelta(d.Id, minute, 10, 0, 0)], Ct);

        var chart = Render<ErrorRateChart>(p => p.Add(x => x.Deployment, d));

        chart.WaitForAssertion(() => Assert.True(chart.FindComponent<Stub<LineChart>>().Instance.Parameters.Get(x => x.NonNegativeY)));
    }
}
