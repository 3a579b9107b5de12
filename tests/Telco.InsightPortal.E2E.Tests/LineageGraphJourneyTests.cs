using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// The lineage graph in a real browser under the portal's CSP: the auditor follows the demo deployment upstream from its
/// page, selects, expands and switches to the timeline; and a 10,000-node answer is drawn as a group, not frozen. The
/// canvas is reached through the drawing's test hook (<c>lineageGraph</c> on its element, <c>data-nodes</c>). Any console
/// error (a CSP violation is one) fails the journey. Screenshots: <c>TestResults/screenshots/lineage-*.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class LineageGraphJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    private const string Canvas = "#lineage-canvas";

    [Fact]
    public async Task TheAuditorFollowsTheDemoDeploymentUpstreamExpandsItAndReadsItsTimeline()
    {
        var (page, errors) = await SignedInAsync("/deployments/telco-churn");

        await page.ClickAsync("#deployment-lineage");
        await page.WaitForURLAsync("**/lineage?type=deployment&id=telco-churn&direction=upstream&depth=1");
        await WaitForNodesAsync(page, n => n >= 2);
        var version = (await KeysAsync(page)).First(k => k.StartsWith("model-version/", StringComparison.Ordinal));
        await Screenshot(page, "lineage-one-hop");

        await ClickNodeAsync(page, version);
        await Assertions.Expect(page.Locator("#side-type")).ToHaveTextAsync("model-version");
        await Assertions.Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-selected", version);
        Assert.StartsWith("/models/telco-churn?version=", await page.Locator("#side-open").GetAttributeAsync("href"));
        await page.ClickAsync("#side-expand");
        var run = await WaitForKeyAsync(page, "run/");
        await ClickNodeAsync(page, run, doubleClick: true);
        await WaitForKeyAsync(page, "snapshot/");
        await ClickNodeAsync(page, version);
        await Assertions.Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-selected", version);
        await Assertions.Expect(page.Locator("#side-type")).ToHaveTextAsync("model-version");
        await Assertions.Expect(page.Locator("#side-edges")).ToContainTextAsync("registered-as");
        await Screenshot(page, "lineage-expanded");

        await page.GetByText("Timeline", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-mode", "timeline");
        await Assertions.Expect(page.Locator("#lineage-span")).ToContainTextAsync("UTC");
        await Screenshot(page, "lineage-timeline");

        await page.GotoInteractiveAsync("/lineage?type=deployment&id=telco-churn&direction=both&depth=99");
        await Assertions.Expect(page.Locator(".lineage-notice").First).ToContainTextAsync("Depth capped at 10");
        await WaitForNodesAsync(page, n => n >= 5);
        await Screenshot(page, "lineage-capped");
        await page.GotoInteractiveAsync("/lineage?type=deployment&id=no-such-deployment");
        await Assertions.Expect(page.GetByText("No deployment 'no-such-deployment' is known to lineage")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#picker-suggestions")).ToContainTextAsync("telco-churn");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TenThousandRunsOfOneSnapshotAreDrawnAsOneGroupAndThePageStillAnswers()
    {
        await SeedFanAsync("990001", 10_000);
        var (page, errors) = await SignedInAsync("/");

        await page.GotoInteractiveAsync("/lineage?type=snapshot&id=990001&direction=downstream&depth=1");
        var drawn = await WaitForNodesAsync(page, n => n >= 2);
        var ready = await page.EvaluateAsync<double>("() => performance.now()");
        var group = (await KeysAsync(page)).Single(k => k.Contains("|trained-on|", StringComparison.Ordinal));
        await ClickNodeAsync(page, group);
        await Assertions.Expect(page.Locator("#group-members .group-expand")).ToHaveCountAsync(10);
        await Screenshot(page, "lineage-10k-grouped");
        var grouped = await TimingsAsync(page, ready);
        // Without grouping, in another tab (it blocks its tab for seconds, longer than a circuit waits): the same 10,000
        // runs drawn one by one through the portal's own module on the timeline (positions only), and 1,000 laid out by dagre.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/account/password"); // a page with no circuit to lose
        var raw = await other.EvaluateAsync<JsonElement>(RawDrawScript, new { count = 10_000, mode = "timeline" });
        var rawFlow = await other.EvaluateAsync<JsonElement>(RawDrawScript, new { count = 1_000, mode = "flow" });
        await other.CloseAsync();
        await page.ClickAsync("#group-members .group-expand");
        await WaitForNodesAsync(page, n => n > drawn);

        Assert.InRange(drawn, 2, 5);
        await Assertions.Expect(page.Locator(".lineage-notice").First).ToContainTextAsync("Truncated at 5,000 nodes");
        Assert.Equal(10_001, raw.GetProperty("nodes").GetInt32());
        Assert.Equal(1_001, rawFlow.GetProperty("nodes").GetInt32());
        // Figures, not assertions: a shared two-core machine's timings vary too much to gate on.
        var figures = $"10k fan, grouped on the page: {drawn} nodes drawn, draw {grouped.Draw} ms (layout {grouped.Layout} ms), drawn "
            + $"{grouped.Ready} ms after navigation started\n10k runs ungrouped on the timeline (preset positions): draw {raw.GetProperty("drawMs")} ms "
            + $"(layout {raw.GetProperty("layoutMs")} ms)\n1k runs ungrouped laid out by dagre: draw {rawFlow.GetProperty("drawMs")} ms "
            + $"(layout {rawFlow.GetProperty("layoutMs")} ms)\n";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDir, "lineage-10k.txt"), figures);
        Assert.Empty(errors);
    }

    /// <summary>Draws <c>count</c> runs under one snapshot into a canvas of its own through the page's module, in the mode
    /// asked for, and says how long it took.</summary>
    private const string RawDrawScript = """
        async ({ count, mode }) => {
            const module = await import('/js/lineage-graph.js');
            const div = document.createElement('div');
            div.style.cssText = 'width:1200px;height:700px;position:absolute;left:-2000px;top:0';
            document.body.appendChild(div);
            const graph = await module.create(div, { invokeMethodAsync: () => Promise.resolve() });
            const nodes = [{ key: 'snapshot/1', type: 'snapshot', id: '1', label: 'snapshot 1', group: false }];
            const edges = [];
            for (let i = 0; i < count; i++) {
                nodes.push({ key: 'run/r' + i, type: 'run', id: 'r' + i, label: 'run ' + i, group: false });
                edges.push({ from: 'snapshot/1', to: 'run/r' + i, kind: 'trained-on', at: 1600000000000 + i * 1000 });
            }
            graph.setMode(mode);
            graph.draw({ start: 'snapshot/1', selected: null, nodes, edges });
            const result = { nodes: Number(div.dataset.nodes), drawMs: Number(div.dataset.drawMs), layoutMs: Number(div.dataset.layoutMs) };
            graph.dispose();
            div.remove();
            return result;
        }
        """;

    private async Task SeedFanAsync(string snapshot, int runs)
    {
        await demo.StartAsync();
        await using var write = await demo.Services.GetRequiredService<IConnectionFactory>().BeginWriteAsync();
        for (var i = 0; i < runs; i++)
        {
            var edge = new LineageEdge(LineageNodeTypes.Snapshot, snapshot, LineageNodeTypes.Run, $"fan-{snapshot}-{i:D5}",
                LineageEdgeKinds.TrainedOn, 1_600_000_000_000 + i * 1000L, "dora");
            await LineageRecorder.RecordAsync(write.Connection, write.Transaction, edge, TestContext.Current.CancellationToken);
        }
        await write.CommitAsync();
    }

    private async Task<(IPage Page, List<string> Errors)> SignedInAsync(string url)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        // A CSP violation (an eval, a script from elsewhere) is reported as a console error.
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await page.SignInAsync("otto", "Demo-Auditor-User-4", url);
        return (page, errors);
    }

    private static async Task<int> WaitForNodesAsync(IPage page, Func<int, bool> enough)
    {
        for (var waited = 0; waited < 60_000; waited += 100)
        {
            var value = await page.Locator(Canvas).CountAsync() == 0 ? null : await page.Locator(Canvas).GetAttributeAsync("data-nodes");
            if (value is not null && enough(int.Parse(value, CultureInfo.InvariantCulture))) return int.Parse(value, CultureInfo.InvariantCulture);
            await page.WaitForTimeoutAsync(100);
        }
        await Screenshot(page, "lineage-not-drawn");
        throw new TimeoutException($"The canvas never drew the nodes expected on {page.Url}; see lineage-not-drawn.png.");
    }

    private static async Task<string> WaitForKeyAsync(IPage page, string prefix)
    {
        await page.Locator(Canvas).WaitForAsync();
        await page.WaitForFunctionAsync("([s, p]) => document.querySelector(s)?.lineageGraph?.keys().some(k => k.startsWith(p))", new[] { Canvas, prefix });
        return (await KeysAsync(page)).First(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static Task<string[]> KeysAsync(IPage page) =>
        page.EvaluateAsync<string[]>("s => document.querySelector(s).lineageGraph.keys()", Canvas);

    /// <summary>Clicks a node where it is drawn, as a person would.</summary>
    private static async Task ClickNodeAsync(IPage page, string key, bool doubleClick = false)
    {
        await page.EvaluateAsync("([s, k]) => document.querySelector(s).lineageGraph.fit()", new[] { Canvas, key });
        var at = await page.EvaluateAsync<JsonElement>("([s, k]) => document.querySelector(s).lineageGraph.position(k)", new[] { Canvas, key });
        var (x, y) = (at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
        if (doubleClick) await page.Mouse.DblClickAsync(x, y);
        else await page.Mouse.ClickAsync(x, y);
    }

    private static async Task<(string Draw, string Layout, string Ready)> TimingsAsync(IPage page, double ready)
    {
        var canvas = page.Locator(Canvas);
        return (await canvas.GetAttributeAsync("data-draw-ms") ?? "?", await canvas.GetAttributeAsync("data-layout-ms") ?? "?",
            ready.ToString("0", CultureInfo.InvariantCulture));
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
