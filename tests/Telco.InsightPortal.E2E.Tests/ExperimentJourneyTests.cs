using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class ExperimentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFinishedRunShowsItsMetricsAndChartsAndAppearsInItsExperiment()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dora", Roles.DataScientist);
        var queue = portal.Services.GetRequiredService<TrainingQueue>();
        var runId = await queue.SubmitAsync(new TrainRequestDto("churn-e2e", "telco-churn", null, "Churn", "logistic", null, 42, null, null),
            new AuditActor("dora"));
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("dora", PortalUsers.Password, "/runs/" + runId);
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("FINISHED");
        await Assertions.Expect(page.Locator(".main-svg").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "experiments-run.png"), FullPage = true });
        await page.GotoInteractiveAsync("/experiments");

        await Assertions.Expect(page.GetByText("churn-e2e").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "experiments-list.png"), FullPage = true });
    }
}
