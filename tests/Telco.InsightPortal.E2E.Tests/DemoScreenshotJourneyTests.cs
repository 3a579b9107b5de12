using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// The data scientist on the demo portal: the demo run's confusion matrix, a what-if in <i>try it</i>, and the
/// predictions a client sent with customer ids, found by id in <i>Recent requests</i>. The screenshots are the README's
/// (<c>TestResults/screenshots/demo-*.png</c>, copied to <c>docs/screenshots</c>).
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class DemoScreenshotJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheConfusionMatrixTryItAndRecentRequestsByCustomerIdReadRight()
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var customers = await ScoreThreeCustomersAsync(baseUrl);
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("dora", "Demo-Data-Scientist-3", "/experiments");

        await page.GetByRole(AriaRole.Link, new() { Name = "telco-churn" }).ClickAsync();
        await page.Locator(".mud-main-content a[href^='/runs/']").First.ClickAsync();
        var matrix = page.Locator(".mud-paper", new() { HasText = "Confusion matrix" }).Last;
        await Assertions.Expect(matrix.Locator(".main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(matrix).ToContainTextAsync("no Churn (0)");
        await matrix.ScreenshotAsync(new() { Path = Shot("confusion-matrix") });

        await page.GotoInteractiveAsync("/deployments/telco-churn");
        await page.Locator("#try-inputs input[data-column='tenure']").FillAsync("2");
        await page.Locator("#try-inputs input[data-column='tenure']").PressAsync("Tab");
        await page.ClickAsync("#try-score");
        await Assertions.Expect(page.Locator("#try-result")).ToBeVisibleAsync();
        await page.Locator("#deployment-tabs").ScreenshotAsync(new() { Path = Shot("try-it") });

        await page.GetByRole(AriaRole.Tab, new() { Name = "Recent requests" }).ClickAsync();
        await page.FillAsync("#recent-search", customers[1]);
        await page.ClickAsync("#recent-search-button");
        await Assertions.Expect(page.Locator("#recent-table tbody tr").First).ToContainTextAsync(customers[1]);
        await page.Locator("#deployment-tabs").ScreenshotAsync(new() { Path = Shot("recent-requests") });
        Assert.Equal(1, await page.Locator("#recent-table tbody tr", new() { HasText = customers[1] }).CountAsync());
    }

    /// <summary>A client scores three generated customers with their ids through a key of its own; returns the ids.</summary>
    private async Task<string[]> ScoreThreeCustomersAsync(Uri baseUrl)
    {
        var (_, secret) = await demo.Services.GetRequiredService<DeploymentService>()
            .CreateKeyAsync("telco-churn", "crm-export", new AuditActor("dora"));
        var generator = new TelcoChurnGenerator();
        // Every column but the label: the features and the id.
        var columns = generator.Schema.Columns.Where(c => c.Name != "Churn").ToList();
        var rows = generator.Generate(new GeneratorRequest(3, 2026)).ToList();
        var records = rows.Select(r => columns.ToDictionary(c => c.Name, c => r[c.Ordinal])).ToList();
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await client.PostAsJsonAsync("/serving/telco-churn/invocations", new { dataframe_records = records });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [.. records.Select(r => Convert.ToString(r["customerID"], System.Globalization.CultureInfo.InvariantCulture)!)];
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, $"demo-{name}.png");
}
