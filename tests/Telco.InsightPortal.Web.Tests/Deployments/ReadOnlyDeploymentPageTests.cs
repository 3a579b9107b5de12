using Bunit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Web.Deployments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>Reading never writes: roles that may not change deployments open a deployment's page (every tab's
/// reads included) and leave the store as it was, and get no Score button.</summary>
[Collection(nameof(DeployedPortalCollection))]
public sealed class ReadOnlyDeploymentPageTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    public static TheoryData<string, string[]> ReadOnlyRoles => new()
    {
        { "otto-auditor", [Policies.DeploymentsRead, Policies.ModelsRead, Policies.MonitoringRead, Policies.AuditRead] },
        { "arthur-analyst", [Policies.ModelsRead, Policies.MonitoringRead, Policies.DataRead] },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyRoles))]
    public async Task OpeningTheDeploymentPageLeavesTheStoreAsItWasAndOffersNoScore(string user, string[] policies)
    {
        var name = "churn-" + user[..4];
        await DeployAsync(name);
        var deployment = await DeploymentAsync(name);
        SignIn(user, policies);
        var before = await StoreCounts.SettledAsync(Factory);

        var page = Render<DeploymentPage>(p => p.Add(x => x.Name, name));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#try-inputs input")), TimeSpan.FromSeconds(20));
        // The other tabs render when clicked: their reads count too.
        var keys = Render<KeysPanel>(p => p.Add(x => x.Deployment, deployment));
        keys.WaitForAssertion(() => Assert.Equal(2, keys.FindAll("#key-table tbody tr").Count));
        Render<TrafficCharts>(p => p.Add(x => x.Deployment, deployment)).WaitForElement("#traffic-empty");
        Render<RecentRequests>(p => p.Add(x => x.Deployment, deployment)).WaitForElement("#recent-table");
        var after = await StoreCounts.ReadAsync(Factory);

        Assert.Equal(before, after);
        Assert.Empty(page.FindAll("#try-score"));
        Assert.NotEmpty(page.FindAll("#try-read-only"));
    }

    [Fact]
    public async Task AScientistScoresFromThePageWithThePortalKeyMadeWithTheDeployment()
    {
        await DeployAsync("churn-sci");
        var keys = await Portal.Get<Serving.Deployments.DeploymentService>().KeysAsync("churn-sci", Ct);
        SignInScientist();
        var deployment = await DeploymentAsync("churn-sci");
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-score")), TimeSpan.FromSeconds(20));
        var before = await StoreCounts.ReadAsync(Factory);

        form.Find("#try-score").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-result")), TimeSpan.FromSeconds(20));

        Assert.Equal(["default", Web.Deployments.Client.PortalKeys.KeyName], keys.Select(k => k.Name));
        Assert.Equal(before.Keys, (await StoreCounts.ReadAsync(Factory)).Keys);
    }

    [Fact]
    public async Task WithoutAPortalKeyAReaderIsToldTryItIsOfflineAndNothingIsMade()
    {
        var deployment = await DeployWithoutPortalKeyAsync("churn-nokey");
        SignIn("otto-auditor", Policies.DeploymentsRead);
        var before = await StoreCounts.SettledAsync(Factory);

        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));
        form.WaitForElement("#try-no-key");

        Assert.Empty(form.FindAll("#try-make-key, #try-inputs, #try-score"));
        Assert.Equal(before, await StoreCounts.ReadAsync(Factory));
    }

    [Fact]
    public async Task WithoutAPortalKeyAWriterMakesOneFromTheFormAndCanScore()
    {
        var deployment = await DeployWithoutPortalKeyAsync("churn-makekey");
        SignInScientist();
        var form = Render<TryItForm>(p => p.Add(x => x.Deployment, deployment));

        form.WaitForElement("#try-make-key").Click();
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("#try-score")), TimeSpan.FromSeconds(20));

        Assert.Empty(form.FindAll("#try-no-key"));
        Assert.Null((await Portal.Get<Data.Deployments.DeploymentStore>().PortalKeyAsync(deployment, Ct))!.RevokedAt);
    }

    /// <summary>A deployment whose portal key was revoked, as an admin may do.</summary>
    private async Task<Data.Deployments.DeploymentRecord> DeployWithoutPortalKeyAsync(string name)
    {
        await DeployAsync(name);
        var deployment = await DeploymentAsync(name);
        var portalKey = (await Portal.Get<Data.Deployments.DeploymentStore>().PortalKeyAsync(deployment, Ct))!;
        await Portal.Get<Serving.Deployments.DeploymentService>().RevokeKeyAsync(name, portalKey.KeyId, DeployedPortal.Dora, Ct);
        return deployment;
    }

    private IConnectionFactory Factory => Portal.Get<IConnectionFactory>();

    private async Task<Data.Deployments.DeploymentRecord> DeploymentAsync(string name) => (await Portal.Get<Data.Deployments.DeploymentStore>().GetAsync(name, Ct))!;
}
