using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Jobs;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Issue 14's jobs in a real browser on the demo portal: the demo data scientist opens the seeded retraining pipeline,
/// runs it with a more drifted batch, follows the run live to its end, and finds the new version either beating the
/// serving one (registered, promoted, redeployed) or losing (those steps skipped, saying why). The auditor reads jobs
/// but cannot run them. Screenshots: <c>demo-jobs*.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class JobJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDataScientistRunsTheRetrainingPipelineAndSeesItPromoteOnlyAWinner()
    {
        var dora = await SignedInAsync("dora", "Demo-Data-Scientist-3", "/jobs");
        await Assertions.Expect(dora.Locator("#job-list")).ToContainTextAsync("telco-retrain", new() { Timeout = 30_000 });
        await dora.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-jobs.png"), FullPage = true });
        await dora.Locator("#job-list a", new() { HasText = "telco-retrain" }).ClickAsync();
        await Assertions.Expect(dora.Locator("#job-steps")).ToContainTextAsync("$evaluate.wins = true");
        await dora.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-jobs-pipeline.png"), FullPage = true });

        await dora.Locator("#job-run").ClickAsync();
        await dora.Locator("#run-overrides").FillAsync("""{"parameters":{"ingest":{"drift":0.6,"rows":800}}}""");
        await dora.Locator("#run-start").ClickAsync();
        await dora.WaitForURLAsync(new Regex("/jobs/telco-retrain/runs/\\d+$"), new() { Timeout = 30_000 });
        await Assertions.Expect(dora.Locator("#step-timeline")).ToBeVisibleAsync();
        await Assertions.Expect(dora.Locator("#run-status")).ToHaveTextAsync(new Regex("succeeded|failed"), new() { Timeout = 300_000 });
        await dora.WaitForTimeoutAsync(1000);
        await dora.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-jobs-run.png"), FullPage = true });

        var id = long.Parse(Regex.Match(dora.Url, "runs/(\\d+)$").Groups[1].Value);
        var (run, steps) = (await demo.Services.GetRequiredService<JobStore>().RunAsync(id))!.Value;
        Assert.True(run.Status == JobRunStatus.Succeeded, run.Error);
        var evaluate = JobOutputs.Read(steps[2].Outputs);
        var wins = (bool)evaluate["wins"]!;
        Assert.Equal(wins ? JobRunStatus.Succeeded : JobRunStatus.Skipped, steps[5].Status);
        Assert.Equal(wins ? JobRunStatus.Succeeded : JobRunStatus.Skipped, steps[3].Status);
        await Assertions.Expect(dora.Locator("#step-logs")).ToContainTextAsync("challenger");
        if (!wins) await Assertions.Expect(dora.Locator("#step-logs")).ToContainTextAsync("does not hold");
    }

    [Fact]
    public async Task TheTrafficJobFeedsTheMonitoringPageWithTrafficLabelsAndDrift()
    {
        var dora = await SignedInAsync("dora", "Demo-Data-Scientist-3", "/jobs/telco-traffic");
        await dora.Locator("#job-run").ClickAsync(new() { Timeout = 30_000 });
        await dora.Locator("#run-overrides").FillAsync("""{"parameters":{"rows":400,"ratePerSecond":200,"labelDelaySeconds":2}}""");
        await dora.Locator("#run-start").ClickAsync();
        await Assertions.Expect(dora.Locator("#run-status")).ToHaveTextAsync(new Regex("succeeded|failed"), new() { Timeout = 180_000 });
        await Assertions.Expect(dora.Locator("#run-status")).ToHaveTextAsync("succeeded");

        var response = await dora.GotoAsync("/deployments/telco-churn/monitoring");
        Assert.True(response!.Ok, $"{response.Status}");
        await Assertions.Expect(dora.Locator("#monitoring-title")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(dora.Locator("#monitoring-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(dora.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(dora.Locator("#drift-verdict")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await dora.WaitForTimeoutAsync(1500);
        await dora.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-monitoring.png"), FullPage = true });
    }

    [Fact]
    public async Task TheAuditorReadsJobsButCannotRunOrChangeThem()
    {
        var otto = await SignedInAsync("otto", "Demo-Auditor-User-4", "/jobs/telco-retrain");
        await Assertions.Expect(otto.Locator("#job-steps")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(otto.Locator("#job-run")).ToHaveCountAsync(0);
        await Assertions.Expect(otto.Locator("#job-edit")).ToHaveCountAsync(0);
        await otto.GotoAsync("/jobs");
        await Assertions.Expect(otto.Locator("#new-job")).ToHaveCountAsync(0);
    }

    private async Task<IPage> SignedInAsync(string user, string password, string url)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(user, password, url);
        return page;
    }
}
