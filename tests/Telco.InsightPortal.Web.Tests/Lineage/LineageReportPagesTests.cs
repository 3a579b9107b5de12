using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Web.Lineage.Pages;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The chain and impact pages rendered by bUnit over a real portal's lineage services: the chain's cards in
/// the order things were made, with their actors and links; the impact tables; the alert action shown only to
/// monitoring writers, confirmed before it acts, and opening one alert per affected deployment however often it runs.</summary>
public sealed class LineageReportPagesTests : PortalTestContext, IClassFixture<DeployedPortal>
{
    private readonly DeployedPortal _portal;

    public LineageReportPagesTests(DeployedPortal portal)
    {
        _portal = portal;
        Services.AddSingleton(portal.Get<PredictionChainStore>());
        Services.AddSingleton(portal.Get<ImpactAnalysis>());
        Services.AddSingleton(portal.Get<ImpactAlerts>());
        Services.AddSingleton(TimeProvider.System);
        AddCircuitActor();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheChainShowsEachStepFromTheFileToThePredictionWithItsActorAndLink()
    {
        var (uuid, snapshot) = await LineageSeed.DeployWithLogAsync(_portal, "page-chain", 2, Ct);
        SignIn("audrey", Policies.LineageRead);

        var cut = Render<PredictionChainPage>(p => p.Add(x => x.Uuid, uuid));
        cut.WaitForAssertion(() => cut.Find("#chain-prediction"), TimeSpan.FromSeconds(20));

        var steps = cut.FindAll(".chain-step").Select(s => s.Id).ToList();
        Assert.Equal([$"chain-file-{snapshot}", $"chain-snapshot-{snapshot}", "chain-run", "chain-version", "chain-deployment", "chain-prediction"], steps);
        Assert.Contains("dora", cut.Find("#chain-deployment .chain-actor").TextContent);
        Assert.Contains("page-chain, generation 1", cut.Find("#chain-deployment").TextContent);
        Assert.Equal("/deployments/page-chain", cut.Find("#chain-deployment .chain-link").GetAttribute("href"));
        Assert.Equal("/models/churn?version=1", cut.Find("#chain-version .chain-link").GetAttribute("href"));
        Assert.StartsWith("/runs/", cut.Find("#chain-run .chain-link").GetAttribute("href"));
        Assert.Equal($"/data/telco-churn?snapshot={snapshot}", cut.Find($"#chain-snapshot-{snapshot} .chain-link").GetAttribute("href"));
        Assert.Contains("SHA-256", cut.Find($"#chain-file-{snapshot}").TextContent);
        Assert.Equal(5, cut.FindAll(".chain-arrow").Count);
    }

    [Fact]
    public void AMalformedUuidIsRefusedAndAnUnknownOneIsNotFound()
    {
        SignIn("audrey", Policies.LineageRead);

        var malformed = Render<PredictionChainPage>(p => p.Add(x => x.Uuid, "<b>nope</b>"));
        var unknown = Render<PredictionChainPage>(p => p.Add(x => x.Uuid, Guid.CreateVersion7().ToString()));

        malformed.WaitForAssertion(() => Assert.Contains("is not a prediction uuid", malformed.Find("#chain-problem").TextContent));
        // The text is shown as text (it is also the search box's value), never as an element.
        Assert.Contains("'<b>nope</b>'", malformed.Find("#chain-problem").TextContent);
        Assert.Empty(malformed.FindAll("b:not(.chain-title)"));
        unknown.WaitForAssertion(() => Assert.Contains("No deployment logged", unknown.Find("#chain-problem").TextContent), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void TheSearchBoxOpensThePastedUuidsChain()
    {
        SignIn("audrey", Policies.LineageRead);
        var uuid = Guid.CreateVersion7().ToString();
        var cut = Render<PredictionChainPage>();

        cut.Find("#chain-search").Input("  " + uuid + " ");
        cut.Find("#chain-search-form").Submit();

        Assert.EndsWith("/lineage/prediction/" + uuid, Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public async Task AnAuditorSeesTheImpactTablesButNotTheAlertAction()
    {
        var (_, snapshot) = await LineageSeed.DeployWithLogAsync(_portal, "page-impact", 4, Ct);
        SignIn("audrey", Policies.LineageRead, Policies.MonitoringRead);

        var cut = Render<ImpactPage>(p => p.Add(x => x.SnapshotId, snapshot));
        cut.WaitForAssertion(() => cut.Find(".impact-table[data-kind='deployment']"), TimeSpan.FromSeconds(20));

        Assert.Empty(cut.FindAll("#impact-alert-open"));
        Assert.Equal($"/api/v1/lineage/impact/snapshot/{snapshot}/impact.csv", cut.Find("#impact-csv").GetAttribute("href"));
        var row = cut.FindAll(".impact-table[data-kind='deployment'] .impact-row").Single(r => r.TextContent.Contains("page-impact", StringComparison.Ordinal));
        Assert.Contains("4", row.Children[^1].TextContent);
        Assert.Equal("/deployments/page-impact", row.QuerySelector(".impact-link")!.GetAttribute("href"));
        Assert.Contains(cut.FindAll(".impact-count"), c => c.GetAttribute("data-kind") == "model-version" && c.TextContent.EndsWith(": 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMonitoringWriterConfirmsThenOpensOneAlertPerAffectedDeploymentAndNoneTwice()
    {
        var (_, snapshot) = await LineageSeed.DeployWithLogAsync(_portal, "page-alerts", 1, Ct);
        SignIn("dora", Policies.LineageRead, Policies.MonitoringWrite);
        var cut = Render<ImpactPage>(p => p.Add(x => x.SnapshotId, snapshot));
        cut.WaitForAssertion(() => cut.Find("#impact-alert-open"), TimeSpan.FromSeconds(20));
        var affected = cut.FindAll(".impact-table[data-kind='deployment'] .impact-row").Count;

        cut.Find("#impact-alert-open").Click();
        Assert.Empty(await OpenImpactAlertsAsync(snapshot));
        cut.Find("#impact-alert-reason").Input("churn labels were shifted");
        cut.Find("#impact-alert-confirm-button").Click();
        cut.WaitForAssertion(() => Assert.Contains($"Opened {affected} alert(s)", cut.Find("#impact-alert-result").TextContent), TimeSpan.FromSeconds(20));
        cut.Find("#impact-alert-open").Click();
        cut.Find("#impact-alert-reason").Input("again");
        cut.Find("#impact-alert-confirm-button").Click();
        cut.WaitForAssertion(() => Assert.Contains("Opened 0 alert(s)", cut.Find("#impact-alert-result").TextContent), TimeSpan.FromSeconds(20));

        var alerts = await OpenImpactAlertsAsync(snapshot);
        Assert.Equal(affected, alerts.Count);
        Assert.Equal(affected, alerts.Select(a => a.Deployment).Distinct().Count());
        Assert.Contains(alerts, a => a.Deployment == "page-alerts" && a.Message.Contains("churn labels were shifted", StringComparison.Ordinal));
    }

    private Task<IReadOnlyList<AlertRecord>> OpenImpactAlertsAsync(long snapshot) =>
        _portal.Get<AlertStore>().UnresolvedAsync(AlertKinds.SnapshotImpact, ImpactAlerts.Feature(snapshot), Ct);

    private void SignIn(string username, params string[] policies)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(username);
        auth.SetPolicies([.. policies, Policies.SignedIn]);
    }
}
