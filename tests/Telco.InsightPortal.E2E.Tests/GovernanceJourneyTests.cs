using Microsoft.Playwright;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Issue 15's governance page in a real browser on the demo portal: the demo auditor goes from the models list to the
/// governance page, finds both demo models with their versions and policy checks, opens a version's details and reads
/// every reason in text. Screenshots: <c>demo-governance*.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class GovernanceJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheAuditorReadsEveryVersionsChecksAndTheirReasons()
    {
        var otto = await SignedInAsync("otto", "Demo-Auditor-User-4", "/models");
        await otto.Locator("#models-governance-link").ClickAsync(new() { Timeout = 30_000 });
        await otto.WaitForURLAsync("**/governance");
        await Assertions.Expect(otto.Locator("#governance-models")).ToContainTextAsync("telco-churn", new() { Timeout = 30_000 });
        await Assertions.Expect(otto.Locator("tr.governance-version").First).ToBeVisibleAsync();
        await Assertions.Expect(otto.Locator("#governance-policies")).ToContainTextAsync("Test AUC above floor 0.75");
        await otto.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-governance.png"), FullPage = true });

        var first = otto.Locator("tr.governance-version").First;
        await first.Locator(".governance-details-toggle").ClickAsync();
        var details = otto.Locator(".governance-details").First;
        await Assertions.Expect(details).ToContainTextAsync("Complete model card:");
        await Assertions.Expect(details).ToContainTextAsync("Test AUC above floor:");
        await otto.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-governance-details.png"), FullPage = true });

        await otto.Locator("#governance-only-failing").CheckAsync();
        await Assertions.Expect(otto.Locator("#governance-summary")).ToContainTextAsync("versions fail at least one check");
    }

    private async Task<IPage> SignedInAsync(string user, string password, string url)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(user, password, url);
        return page;
    }
}
