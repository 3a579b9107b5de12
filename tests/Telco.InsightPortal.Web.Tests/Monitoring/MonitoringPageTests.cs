using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Monitoring.Pages;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Monitoring;

/// <summary>The monitoring page and the alerts panel rendered by bUnit over a real portal's monitoring services: charts
/// fed from the report, the heatmap's cells as buttons that open the drill-down, the empty state, and alerts changed
/// only by writers, their text never rendered as markup.</summary>
public sealed class MonitoringPageTests : PortalTestContext, IClassFixture<EmptyPortal>
{
    private readonly EmptyPortal _portal;

    public MonitoringPageTests(EmptyPortal portal)
    {
        _portal = portal;
        Services.AddSingleton(portal.Get<MonitoringService>());
        Services.AddSingleton(portal.Get<AlertStore>());
        Services.AddSingleton(TimeProvider.System);
        AddCircuitActor();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePageChartsEachWindowAndACellOpensTheDrillDown()
    {
        var (name, _) = await MonitoringSeed.DeployWithLogAsync(_portal, "page-drift", Ct);
        SignIn("audrey", Policies.MonitoringRead);
        RenderProviders();

        var cut = Render<MonitoringPage>(p => p.Add(x => x.Name, name));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".drift-cell")), TimeSpan.FromSeconds(20));

        var charts = cut.FindComponents<Stub<LineChart>>();
        var performance = charts.Single(c => c.Instance.Parameters.Get(x => x.Title).StartsWith("ROC AUC", StringComparison.Ordinal));
        var series = performance.Instance.Parameters.Get(x => x.Series);
        Assert.Contains(series, s => s.Name == "realised ROC AUC" && s.Y.Count > 0);
        Assert.Contains(series, s => s.Name == "estimate lower" && s.Dashed);
        Assert.Single(cut.FindComponents<Stub<Heatmap>>());
        Assert.Contains("Verdict: alert", cut.Find("#drift-verdict").TextContent);

        cut.FindAll(".drift-cell").First(c => c.GetAttribute("aria-label")!.StartsWith("tenure", StringComparison.Ordinal)
            && c.GetAttribute("aria-label")!.Contains(": alert", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("tenure", cut.Find("#drift-drilldown").TextContent), TimeSpan.FromSeconds(20));
        Assert.Contains("training", cut.Find("#drift-drilldown-figures").TextContent);
        Assert.Empty(cut.FindAll(".alert-acknowledge"));
    }

    [Fact]
    public async Task ADeploymentWithoutTrafficShowsTheEmptyState()
    {
        var (name, _) = await MonitoringSeed.DeployWithLogAsync(_portal, "page-quiet", Ct, count: 0);
        SignIn("audrey", Policies.MonitoringRead);
        RenderProviders();

        var cut = Render<MonitoringPage>(p => p.Add(x => x.Name, name));

        cut.WaitForAssertion(() => Assert.Contains("No traffic in this range", cut.Markup), TimeSpan.FromSeconds(20));
        Assert.Empty(cut.FindComponents<Stub<Heatmap>>());
    }

    [Fact]
    public void AnUnknownDeploymentSaysSo()
    {
        SignIn("audrey", Policies.MonitoringRead);
        RenderProviders();

        var cut = Render<MonitoringPage>(p => p.Add(x => x.Name, "no-such-deployment"));

        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("#monitoring-problem").TextContent), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AWriterAcknowledgesAndResolvesAndMessagesStayText()
    {
        var alert = await _portal.Get<AlertStore>().RaiseAsync(new NewAlert("page-alerts", AlertKinds.Drift, "tenure", "alert",
            "<script>alert(1)</script> drifted", 0.4, 0.25), AuditActor.System, Ct);
        SignIn("dora", Policies.MonitoringRead, Policies.MonitoringWrite);

        var cut = Render<AlertsPanel>(p => p.Add(x => x.Deployment, "page-alerts"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".alert-acknowledge")), TimeSpan.FromSeconds(20));

        Assert.DoesNotContain("<script>", cut.Markup);
        Assert.Contains("&lt;script&gt;", cut.Markup);
        cut.Find(".alert-acknowledge").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".alert-acknowledge")), TimeSpan.FromSeconds(20));
        cut.Find(".alert-resolve").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".alert-resolve")), TimeSpan.FromSeconds(20));

        var stored = await _portal.Get<AlertStore>().GetAsync(alert.Id, Ct);
        Assert.Equal((AlertStatus.Resolved, "dora", "dora"), (stored!.Status, stored.AcknowledgedBy, stored.ResolvedBy));
    }

    private void SignIn(string username, params string[] policies)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(username);
        auth.SetPolicies([.. policies, Policies.SignedIn]);
    }
}
