using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Issue 13's journey in a real browser: the demo analyst builds a dashboard with two charts and a filter in the
/// builder, saves it and shares it with BusinessUser; the demo business user finds it on her home page, opens it
/// read-only, cross-filters with two clicks that add, and exports a chart's CSV. Screenshots: <c>demo-dashboard*.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class DashboardJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    private const string Name = "Retention review";

    [Fact]
    public async Task AnAnalystBuildsAndSharesADashboardThatABusinessUserCrossFiltersAndExports()
    {
        var arthur = await SignedInAsync("arthur", "Demo-Analyst-User-2", "/dashboards");
        await arthur.Locator("#new-dashboard").ClickAsync();
        // Generous: on a loaded machine the demo models may still be training beside this write.
        await arthur.WaitForURLAsync(new Regex("/dashboards/\\d+\\?edit=1$"), new() { Timeout = 90_000 });
        await Assertions.Expect(arthur.Locator("#dashboard-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await arthur.Locator("#dashboard-name").FillAsync(Name);
        await AddChartAsync(arthur, "bar", "Contract (");
        await AddChartAsync(arthur, "pie", "PaymentMethod (");
        await arthur.Locator("#add-filter").ClickAsync();
        await ChooseAsync(arthur, "filter-field", "InternetService");
        await arthur.Locator(".mud-dialog label", new() { HasText = "Fiber optic" }).ClickAsync();
        await arthur.Locator("#filter-add").ClickAsync();
        await arthur.Locator("#save-dashboard").ClickAsync();
        await Assertions.Expect(arthur.Locator("#dashboard-title")).ToHaveTextAsync(Name, new() { Timeout = 30_000 });
        await arthur.Locator("#share-dashboard").ClickAsync();
        await ChooseAsync(arthur, "share-role", "BusinessUser");
        await arthur.Locator("#share-add").ClickAsync();
        await arthur.Locator("#share-save").ClickAsync();
        await Assertions.Expect(arthur.Locator(".mud-snackbar", new() { HasText = "Shared with 1" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(arthur.Locator("#tile-c2 .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await arthur.WaitForTimeoutAsync(1000);
        await arthur.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-dashboard-built.png"), FullPage = true });

        var bella = await SignedInAsync("bella", "Demo-Business-User-1", "/");
        await bella.Locator("#home-dashboards .mud-paper", new() { HasText = Name }).Locator("a", new() { HasText = "Open" }).ClickAsync();
        await Assertions.Expect(bella.Locator("#dashboard-title")).ToHaveTextAsync(Name);
        await Assertions.Expect(bella.Locator("#edit-dashboard")).ToHaveCountAsync(0);
        await Assertions.Expect(bella.Locator(".dash-filter-chip")).ToContainTextAsync("InternetService: Fiber optic");
        var bars = bella.Locator("#tile-c1 .barlayer .point path");
        await Assertions.Expect(bars.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ClickMarkAsync(bella, bars.Nth(0));
        await Assertions.Expect(bella.Locator(".dash-cross-chip")).ToHaveCountAsync(1);
        await ClickMarkAsync(bella, bars.Nth(1));
        await Assertions.Expect(bella.Locator(".dash-cross-chip")).ToHaveCountAsync(2);
        await Assertions.Expect(bella.Locator(".dash-cross-chip").Nth(1)).ToContainTextAsync("Contract = ");
        await bella.WaitForTimeoutAsync(1000);
        await bella.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-dashboard-crossfilter.png"), FullPage = true });

        await bella.Locator("#tile-c1 .dash-drill").ClickAsync();
        await Assertions.Expect(bella.Locator(".mud-dialog .dash-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await bella.Locator("#rows-close").ClickAsync();

        var download = await bella.RunAndWaitForDownloadAsync(() => bella.Locator("#tile-c2 .dash-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        Assert.StartsWith("PaymentMethod,count", csv);
        Assert.InRange(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 2, 5);
    }

    [Fact]
    public async Task TheSeededChurnOverviewOpensForTheBusinessUserWithEveryChartDrawn()
    {
        var bella = await SignedInAsync("bella", "Demo-Business-User-1", "/");
        await bella.Locator("#home-dashboards .mud-paper", new() { HasText = "Churn overview" }).Locator("a", new() { HasText = "Open" }).ClickAsync();

        await Assertions.Expect(bella.Locator("#dashboard-title")).ToHaveTextAsync("Churn overview");
        foreach (var tile in new[] { "churn-by-contract", "tenure", "charges", "payment" })
            await Assertions.Expect(bella.Locator($"#tile-{tile} .main-svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(bella.Locator("#tile-churned .dash-kpi")).ToBeVisibleAsync();
        await Assertions.Expect(bella.Locator(".dash-tile-error")).ToHaveCountAsync(0);
        await bella.WaitForTimeoutAsync(1500);
        await bella.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-dashboard-overview.png"), FullPage = true });

        // The printable page: the portal's chrome and the buttons go, the filters line stays.
        await bella.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(bella.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(bella.Locator("#print-dashboard")).ToBeHiddenAsync();
        await Assertions.Expect(bella.Locator("#dashboard-filters")).ToBeVisibleAsync();
        await bella.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-dashboard-print.png"), FullPage = true });
    }

    [Fact]
    public async Task TheSeededModelInProductionDashboardReadsTheDeploymentsPredictionLog()
    {
        var bella = await SignedInAsync("bella", "Demo-Business-User-1", "/dashboards");
        await bella.Locator("#dashboard-list a", new() { HasText = "Model in production" }).ClickAsync();

        await Assertions.Expect(bella.Locator("#dashboard-title")).ToHaveTextAsync("Model in production");
        await Assertions.Expect(bella.Locator("#tile-week .dash-chart, #tile-week .dash-tile-error")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(bella.Locator(".dash-tile-error")).ToHaveCountAsync(0);
        await Assertions.Expect(bella.Locator(".dash-problem")).ToHaveCountAsync(0);
        await bella.WaitForTimeoutAsync(1500);
        await bella.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-dashboard-production.png"), FullPage = true });
    }

    private static async Task AddChartAsync(IPage page, string type, string x)
    {
        await page.Locator("#add-chart").ClickAsync();
        await ChooseAsync(page, "builder-dataset", "telco-churn");
        await ChooseAsync(page, "builder-type", type);
        await ChooseAsync(page, "builder-x", x);
        await page.Locator("#builder-preview").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"demo-dashboard-builder-{type}.png") });
        await page.Locator("#builder-done").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
    }

    /// <summary>Plotly takes clicks on its drag layer above the bars and finds the bar under the pointer, so the mouse
    /// goes to the bar's middle (moving first, as a person's pointer would, so Plotly has hovered it).</summary>
    private static async Task ClickMarkAsync(IPage page, ILocator mark)
    {
        var box = (await mark.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.WaitForTimeoutAsync(200);
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    /// <summary>A MudSelect opens on its box, and its items live in a popover outside the dialog.</summary>
    private static async Task ChooseAsync(IPage page, string id, string text)
    {
        await page.Locator($".mud-select:has(#{id})").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private async Task<IPage> SignedInAsync(string user, string password, string url)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(user, password, url);
        return page;
    }
}
