using System.Text;
using Microsoft.Playwright;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class UploadJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task UploadedCsvBecomesSnapshotWhosePreviewPages()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        var cspViolations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspViolations.Add(m.Text); };
        var csv = "id,plan,monthly,churn\n" + string.Concat(Enumerable.Range(1, 120).Select(i => $"K{i:D4},{(i % 2 == 0 ? "fiber" : "dsl")},{20 + i * 0.5},{(i % 4 == 0 ? "Yes" : "No")}\n"));

        await portal.CreateAsync("dana", Roles.DataScientist);
        await page.SignInAsync("dana", PortalUsers.Password, "/data");
        await Expect(page.Locator("#dataset-table")).ToContainTextAsync("telco-churn");
        await Shot(page, "01-datasets");
        await page.ClickAsync("#upload-new");
        await page.FillAsync("#dataset-name", "journey-customers");
        await page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "customers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#start-upload");
        await Expect(page.Locator("#schema-review")).ToContainTextAsync("monthly");
        await Shot(page, "02-schema-review");
        await page.ClickAsync("#commit-upload");

        // The ingest and the client-side navigation that follows can take a while on a busy machine.
        await Expect(page.Locator("h1")).ToHaveTextAsync("journey-customers", new() { Timeout = 90_000 });
        await Expect(page.GetByText("120 rows").First).ToBeVisibleAsync();
        await Shot(page, "03a-dataset");
        await Expect(page.Locator("#preview-table tbody tr").First).ToContainTextAsync("K0001");
        await Shot(page, "03-snapshot-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("#preview-table tbody tr").First).ToContainTextAsync("K0026");
        await Shot(page, "04-preview-page-2");
        await page.GetByRole(AriaRole.Tab, new() { Name = "History (1)" }).ClickAsync();
        await Expect(page.Locator("#snapshot-timeline")).ToContainTextAsync("+120 rows");
        await Shot(page, "05-history");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Profile" }).ClickAsync();
        // Plotly draws its charts into SVG: their presence shows the charts work under the portal's CSP.
        await Expect(page.Locator("#column-profiles .main-svg").First).ToBeVisibleAsync();
        await Shot(page, "06-profile");

        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task RealIbmTelcoFileIngestsThroughTheUploadDialog()
    {
        var chromium = browser.RequireBrowser();
        var path = TestSupport.Csv.RequireTelcoChurnPath();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dana", Roles.DataScientist);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("dana", PortalUsers.Password, "/data");
        await page.ClickAsync("#upload-new");
        await page.FillAsync("#dataset-name", "ibm-telco");
        await page.SetInputFilesAsync("#csv-file", path);
        await page.ClickAsync("#start-upload");
        await Expect(page.Locator("#schema-review")).ToContainTextAsync("TotalCharges");
        await page.ClickAsync("#commit-upload");

        await Expect(page.Locator("h1")).ToHaveTextAsync("ibm-telco", new() { Timeout = 90_000 });
        await Expect(page.GetByText("5,634 rows").First).ToBeVisibleAsync();
        await Shot(page, "07-ibm-telco");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"upload-{name}.png"), FullPage = true });
}
