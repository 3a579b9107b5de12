using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.Apps.ChurnExplorer;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// The demo business user in the hosted apps bound at first start: the Churn Explorer (filter to the high-risk band,
/// open a customer, change the contract and see the probability the deployment's endpoint returns for that row, ask
/// for the cheapest retention offer) and the Cell Tower Monitor. Screenshots: <c>demo-explorer*.png</c>, <c>demo-towers.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class ChurnExplorerJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheExplorerFiltersOpensACustomerRescoresAWhatIfAndFindsTheCheapestOffer()
    {
        var page = await SignedInAsync();
        await page.Locator("#app-churn-explorer a", new() { HasText = "Open" }).ClickAsync();
        var customers = page.Locator("a[id^=customer-]");
        await Assertions.Expect(customers.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("#risk-band-high").ClickAsync();
        await Assertions.Expect(page.Locator("#explorer-status")).ToContainTextAsync("customers match");
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-explorer.png"), FullPage = true });

        await customers.First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/apps/churn-explorer/customers/\\d+/\\d+$"));
        var ids = page.Url.Split('/')[^2..].Select(long.Parse).ToArray();
        await Assertions.Expect(page.Locator("#churn-probability-band")).ToHaveTextAsync("High risk");
        await page.Locator(".mud-select:has(#whatif-Contract)").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Two year" }).First.ClickAsync();

        var expected = await EndpointProbabilityAsync(ids[0], ids[1], TelcoColumns.Contract, "Two year");
        await Assertions.Expect(page.Locator("#whatif-probability")).ToHaveTextAsync(expected.ToString("P1"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#whatif-change")).ToContainTextAsync("percentage points");
        await page.Locator("#retention-search").ClickAsync();
        await Assertions.Expect(page.Locator("#retention-outcome")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#retention-candidates tbody tr").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-explorer-customer.png"), FullPage = true });
    }

    [Fact]
    public async Task TheCellTowerMonitorOpensFromHomeWithTheTowersRankedByRisk()
    {
        var page = await SignedInAsync();
        await page.Locator("#app-cell-tower-monitor a", new() { HasText = "Open" }).ClickAsync();

        await Assertions.Expect(page.Locator("[id^=tower-row-]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#tower-map .main-svg").First).ToBeVisibleAsync();
        await page.Locator("[id^=tower-row-]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#tower-drill-down-title")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500);
        // Back to the top: a full-page screenshot of a scrolled page draws the fixed app bar where the view was.
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-towers.png"), FullPage = true });
    }

    private async Task<IPage> SignedInAsync()
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("bella", "Demo-Business-User-1", "/");
        return page;
    }

    /// <summary>What the bound deployment's <c>/invocations</c> returns for the customer's row with one input changed.</summary>
    private async Task<double> EndpointProbabilityAsync(long snapshotId, long rowId, string column, object value)
    {
        using var scope = demo.Services.CreateScope();
        var host = scope.ServiceProvider.GetRequiredService<IAppHost>();
        var row = (await host.RowsAsync(ChurnExplorerApp.AppId, snapshotId, new AppRowQuery { RowId = rowId, Limit = 1 })).Rows.Single();
        var edited = row.Values.Where(v => v.Key != TelcoColumns.Churn).ToDictionary(v => v.Key, v => v.Value);
        edited[column] = value;
        var deployment = (await host.DeploymentAsync(ChurnExplorerApp.AppId))!.Name;
        var record = await demo.Services.GetRequiredService<DeploymentStore>().GetAsync(deployment);
        var key = await demo.Services.GetRequiredService<PortalKeys>().FindAsync(record!);
        var served = await demo.Services.GetRequiredService<ServingClient>().InvokeAsync(deployment, key!, [edited]);
        return served[0].Probability;
    }
}
