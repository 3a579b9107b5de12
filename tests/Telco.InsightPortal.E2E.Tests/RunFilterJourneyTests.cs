using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>The runs page's search box takes the filter syntax the store adds to MLflow's: in (…) and or.</summary>
public sealed class RunFilterJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task InAndOrFiltersNarrowTheRunsTable()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dora", Roles.DataScientist);
        var tracking = portal.Services.GetRequiredService<TrackingStore>();
        var dora = new AuditActor("dora");
        var experiment = await tracking.CreateExperimentAsync("filter-e2e", null, [], dora);
        foreach (var (trainer, auc) in new[] { ("logistic", 0.84), ("lightgbm", 0.86), ("fasttree", 0.83), ("fastforest", 0.81) })
        {
            var run = await tracking.CreateRunAsync(experiment, "dora", "run-" + trainer, null, [], dora);
            await tracking.LogBatchAsync(run.Info.RunId, [new("roc_auc", auc, 1, 0)], [new("trainer", trainer)], [new("trainer", trainer)]);
        }
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.SignInAsync("dora", PortalUsers.Password, $"/experiments/{experiment}");
        await Assertions.Expect(page.GetByText("run-fastforest")).ToBeVisibleAsync();

        await page.FillAsync("#run-filter", "params.trainer in ('lightgbm', 'fasttree') or metrics.roc_auc < 0.82");
        await page.ClickAsync("#run-search");

        await Assertions.Expect(page.GetByText("run-logistic")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("run-lightgbm")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("run-fasttree")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("run-fastforest")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "experiments-runs-filter.png"), FullPage = true });

        await page.FillAsync("#run-filter", "params.trainer in ('lightgbm' 'fasttree')");
        await page.ClickAsync("#run-search");

        await Assertions.Expect(page.Locator("#filter-error")).ToContainTextAsync("expected ',' or ')' in the list of values");
    }
}
