using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// The auditor on the demo portal: a prediction the demo deployment just made, followed back to the file its training
/// rows came from, and everything built on the demo snapshot. Screenshots: <c>lineage-chain.png</c>,
/// <c>lineage-impact.png</c> (and as printed, <c>lineage-impact-print.png</c>) and the data scientist's alert
/// confirmation, <c>lineage-impact-alert.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class LineageReportsJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAuditorFollowsTheLatestPredictionBackToItsFileAndReadsTheSnapshotsImpact()
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var uuid = await ScoreOneAsync(baseUrl);
        var snapshot = (await demo.Services.GetRequiredService<DatasetStore>().GetAsync("telco-churn"))!.CurrentSnapshotId!.Value;
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();

        await page.SignInAsync("otto", "Demo-Auditor-User-4", "/deployments/telco-churn");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Recent requests" }).ClickAsync();
        await page.Locator($"#recent-table a.prediction-uuid-chain[href='/lineage/prediction/{uuid}']").ClickAsync();
        await Assertions.Expect(page.Locator("#chain-prediction")).ToContainTextAsync(uuid);
        await Assertions.Expect(page.Locator("#chain-deployment")).ToContainTextAsync("telco-churn, generation");
        await Assertions.Expect(page.Locator($"#chain-file-{snapshot}")).ToContainTextAsync("SHA-256");
        await page.ScreenshotAsync(new() { Path = Shot("chain"), FullPage = true });

        await page.GotoInteractiveAsync($"/lineage/impact/{snapshot}");
        await Assertions.Expect(page.Locator(".impact-table[data-kind='deployment']")).ToContainTextAsync("telco-churn");
        Assert.Equal(0, await page.Locator("#impact-alert-open").CountAsync());
        await page.ScreenshotAsync(new() { Path = Shot("impact"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("#impact-print").IsVisibleAsync());
        await page.ScreenshotAsync(new() { Path = Shot("impact-print"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        var csv = await context.APIRequest.GetAsync($"/api/v1/lineage/impact/snapshot/{snapshot}/impact.csv");
        Assert.Contains("deployment,telco-churn,", await csv.TextAsync());

        var scientist = await context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var dora = await scientist.NewPageAsync();
        await dora.SignInAsync("dora", "Demo-Data-Scientist-3", $"/lineage/impact/{snapshot}");
        await dora.ClickAsync("#impact-alert-open");
        await dora.FillAsync("#impact-alert-reason", "Churn labels in this batch were shifted by one row");
        await dora.Locator("#impact-alert-confirm").ScreenshotAsync(new() { Path = Shot("impact-alert") });
        await dora.ClickAsync("#impact-alert-confirm-button");
        await Assertions.Expect(dora.Locator("#impact-alert-result")).ToContainTextAsync("telco-churn");
        await scientist.DisposeAsync();
    }

    /// <summary>A client scores one generated customer through a key of its own; returns the logged prediction's uuid.</summary>
    private async Task<string> ScoreOneAsync(Uri baseUrl)
    {
        var (_, secret) = await demo.Services.GetRequiredService<DeploymentService>().CreateKeyAsync("telco-churn", "lineage-e2e", new AuditActor("dora"));
        var generator = new TelcoChurnGenerator();
        var columns = generator.Schema.Columns.Where(c => c.Name != "Churn").ToList();
        var row = generator.Generate(new GeneratorRequest(1, 77)).Single();
        using var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var response = await client.PostAsJsonAsync("/serving/telco-churn/invocations",
            new { dataframe_records = new[] { columns.ToDictionary(c => c.Name, c => row[c.Ordinal]) } });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var uuid = body.GetProperty("predictions")[0].GetProperty("uuid").GetString()!;
        // The log is written behind the answer, in batches: wait until the prediction is readable.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var chains = demo.Services.GetRequiredService<Telco.InsightPortal.Data.Lineage.PredictionChainStore>();
        while (await chains.GetAsync(Guid.Parse(uuid)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"prediction {uuid} was not logged within 30 s");
            await Task.Delay(200);
        }
        return uuid;
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, $"lineage-{name}.png");
}
