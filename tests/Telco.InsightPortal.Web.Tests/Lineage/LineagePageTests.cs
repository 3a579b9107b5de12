using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Lineage.Pages;
using Telco.InsightPortal.Web.Security;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Web.Tests.Lineage;

/// <summary>The lineage graph page over a real store: what it hands the canvas, the side panel, expansion, grouping,
/// and the clear answers to bad input. The canvas's JavaScript is not run here (the E2E journey runs it).</summary>
public sealed class LineagePageTests : PortalTestContext
{
    private TestStore _store = null!;
    private BunitAuthorizationContext _auth = null!;

    public override async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        // An auditor: reads lineage and the audit trail.
        _auth = AddAuthorization();
        _auth.SetAuthorized("otto");
        _auth.SetPolicies([Policies.LineageRead, Policies.AuditRead, Policies.SignedIn]);
        Services.AddSingleton(new LineageOptions());
        Services.AddSingleton(sp => new LineageStore(_store.Factory, sp.GetRequiredService<LineageOptions>()));
        await SeedAsync(
            ("dataset/customers", SnapshotOf, "snapshot/1"),
            ("snapshot/1", TrainedOn, "run/run-a"),
            ("run/run-a", RegisteredAs, "model-version/churn/1"),
            ("model-version/churn/1", DeployedAs, "deployment/churn-a"),
            ("deployment/churn-a", BoundTo, "app/roi-threshold"));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _store.DisposeAsync();
    }

    [Fact]
    public void WithoutANodeThePageOffersThePickerWithTheRecentDeploymentsAndVersions()
    {
        var page = Open("/lineage");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#picker-suggestions a")));
        Assert.Equal(["churn-a", "churn/1"], page.FindAll("#picker-suggestions a").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.Equal("/lineage/prediction", page.Find("#lineage-find-prediction").GetAttribute("href"));
        Assert.Empty(page.FindAll("#lineage-governance"));
        Assert.Contains(page.FindAll("#picker-suggestions a"), a => a.GetAttribute("href") == "/lineage?type=deployment&id=churn-a&direction=upstream&depth=1");
        Assert.Empty(page.FindComponents<LineageCanvas>());
    }

    [Theory]
    [InlineData("/lineage?type=deployment&id=nobody", "No deployment 'nobody' is known to lineage")]
    [InlineData("/lineage?type=planet&id=mars", "'planet' is not a node type")]
    [InlineData("/lineage?type=deployment&id=churn-a&direction=sideways", "'sideways' is not a direction")]
    public void BadInputGetsAClearMessageAndThePicker(string url, string message)
    {
        var page = Open(url);

        page.WaitForAssertion(() => Assert.Contains(message, page.Markup));
        Assert.NotNull(page.Find("#lineage-picker"));
        Assert.Empty(page.FindComponents<LineageCanvas>());
    }

    [Fact]
    public void ADeploymentIsDrawnOneHopUpstreamAtFirst()
    {
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream");

        var canvas = page.WaitForComponent<LineageCanvas>();

        Assert.Equal(["deployment/churn-a", "model-version/churn/1"], canvas.Instance.View.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal("deployment/churn-a", canvas.Instance.StartKey);
        Assert.Empty(page.FindAll(".lineage-notice"));
    }

    [Fact]
    public async Task SelectingANodeShowsItsFactsTheEdgeThatReachedItAndItsPage()
    {
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream&depth=3");
        var canvas = page.WaitForComponent<LineageCanvas>();

        await page.InvokeAsync(() => canvas.Instance.NodeSelected("run/run-a"));

        page.WaitForAssertion(() => Assert.Equal("run-a", page.Find("#side-label").TextContent));
        Assert.Equal("/runs/run-a", page.Find("#side-open").GetAttribute("href"));
        Assert.Contains("run-a —registered-as→ churn/1", page.Find("#side-edges").TextContent);
        Assert.Contains("by dora", page.Find("#side-edges").TextContent);
        Assert.Equal("run/run-a", canvas.Instance.Selected);
        Assert.Equal("/audit?targetType=run&targetId=run-a", page.Find("#side-audit").GetAttribute("href"));
    }

    [Fact]
    public async Task AnAnalystWhoMayNotReadTheAuditTrailIsNotOfferedItsEntries()
    {
        _auth.SetPolicies([Policies.LineageRead, Policies.SignedIn]);
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream&depth=3");
        var canvas = page.WaitForComponent<LineageCanvas>();

        await page.InvokeAsync(() => canvas.Instance.NodeSelected("run/run-a"));

        page.WaitForAssertion(() => Assert.Equal("run-a", page.Find("#side-label").TextContent));
        Assert.Empty(page.FindAll("#side-audit"));
    }

    [Fact]
    public void ADepthAboveTheMaximumIsCappedAndTheNoticeSaysSo()
    {
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream&depth=500");

        page.WaitForComponent<LineageCanvas>();

        Assert.Contains("Depth capped at 10", page.Find(".lineage-notice").TextContent);
    }

    [Fact]
    public void ADepthThatIsNotANumberIsReadAsOneHopAndSaid()
    {
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream&depth=-2");

        var canvas = page.WaitForComponent<LineageCanvas>();

        Assert.Contains("'-2' is not a depth", page.Find(".lineage-notice").TextContent);
        Assert.Equal(2, canvas.Instance.View.Nodes.Count);
    }

    [Fact]
    public async Task ExpandingANodeMergesItsOneHopNeighbourhood()
    {
        var page = Open("/lineage?type=deployment&id=churn-a&direction=upstream");
        var canvas = page.WaitForComponent<LineageCanvas>();

        await page.InvokeAsync(() => canvas.Instance.NodeExpanded("model-version/churn/1"));

        page.WaitForAssertion(() => Assert.Contains(page.FindComponent<LineageCanvas>().Instance.View.Nodes, n => n.Key == "run/run-a"));
        Assert.Empty(page.FindAll("#side-expand"));
    }

    [Fact]
    public async Task ManySiblingsAreOneGroupWhoseMembersAreListedAPageAtATimeAndCanBeExpanded()
    {
        await SeedAsync([.. Enumerable.Range(0, 40).Select(i => ("snapshot/1", TrainedOn, $"run/fan-{i:D2}"))]);
        var page = Open("/lineage?type=snapshot&id=1&direction=downstream");
        var canvas = page.WaitForComponent<LineageCanvas>();
        var group = Assert.Single(canvas.Instance.View.Nodes, n => n.Group);

        await page.InvokeAsync(() => canvas.Instance.NodeSelected(group.Key));
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("#group-members .group-expand").Count));
        Assert.Equal("41 runs", group.Label);
        Assert.Contains("group(s) of more than 25 siblings", page.Find(".lineage-notice").TextContent);
        page.FindAll("#group-members .group-expand")[0].Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindComponent<LineageCanvas>().Instance.View.Nodes, n => n.Key == "run/fan-00"));
        Assert.Equal("40 runs", Assert.Single(page.FindComponent<LineageCanvas>().Instance.View.Nodes, n => n.Group).Label);
    }

    private IRenderedComponent<LineagePage> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<LineagePage>();
    }

    private async Task SeedAsync(params (string From, string Kind, string To)[] edges)
    {
        await using var write = await _store.Factory.BeginWriteAsync();
        var at = 1_700_000_000_000L;
        foreach (var (from, kind, to) in edges)
        {
            var (f, t) = (from.IndexOf('/'), to.IndexOf('/'));
            var edge = new LineageEdge(from[..f], from[(f + 1)..], to[..t], to[(t + 1)..], kind, at++, "dora");
            await LineageRecorder.RecordAsync(write.Connection, write.Transaction, edge, Xunit.TestContext.Current.CancellationToken);
        }
        await write.CommitAsync();
    }
}
