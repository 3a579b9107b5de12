using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class TryItKeyboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALevelIsChosenFromTheTrainedLevelsAndScoredWithTheKeyboardAlone()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        var dora = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await portal.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("churn-levels", "telco-churn", null, "Churn", "logistic", null, 42, null, null), new AuditActor("dora"));
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/registered-models/create", new { name = "churn" })).EnsureSuccessStatusCode();
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId })).EnsureSuccessStatusCode();
        await portal.Services.GetRequiredService<DeploymentService>().CreateAsync("churn-keys", "churn", "1", null, 1, new AuditActor("dora"));
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var contract = page.Locator("#try-inputs [role=combobox][data-column='Contract']");

        await page.SignInAsync("dora", PortalUsers.Password, "/deployments/churn-keys");
        await Assertions.Expect(contract).ToHaveTextAsync("Month-to-month");
        await Assertions.Expect(page.Locator("#deployment-tabs")).ToContainTextAsync("prefilled with typical training values");
        var options = page.Locator(".mud-popover-open .mud-list-item");
        string? focused = null;
        // On a loaded machine the form can still re-render once after its prefill shows, taking focus with it; the
        // keyboard steps are repeated (a few times, each with a short deadline) until the list opens.
        for (var attempt = 0; attempt < 5 && await options.CountAsync() == 0; attempt++)
        {
            await page.Locator("#try-inputs [role=combobox][data-column='StreamingMovies']").FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string?>("document.activeElement.getAttribute('data-column')");
            await page.Keyboard.PressAsync("Enter");
            await options.First.WaitForAsync(new() { Timeout = 3_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await Assertions.Expect(options).ToHaveCountAsync(3);
        var offered = await options.AllInnerTextsAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "try-it-levels-open.png") });
        // An ArrowDown that reaches the list before MudSelect has hooked its keys is lost, and Enter then keeps the
        // first level (seen once in CI); each attempt re-opens the list with the keyboard if it closed.
        for (var attempt = 0; attempt < 4 && (await contract.InnerTextAsync()).Trim() == "Month-to-month"; attempt++)
        {
            if (await options.CountAsync() == 0)
            {
                await contract.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await options.First.WaitForAsync(new() { Timeout = 3_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForTimeoutAsync(300);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(contract).Not.ToHaveTextAsync("Month-to-month", new() { Timeout = 3_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await Assertions.Expect(contract).Not.ToHaveTextAsync("Month-to-month");
        var chosen = (await contract.InnerTextAsync()).Trim();
        await page.Locator("#try-score").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#try-result")).ToContainTextAsync("churn/1");
        await Assertions.Expect(page.Locator("#deployment-tabs .main-svg").First).ToBeVisibleAsync();
        await page.Locator("#deployment-tabs .main-svg").First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "try-it-levels.png") });

        Assert.Equal("Contract", focused);
        Assert.Equal(["Month-to-month", "Two year", "One year"], offered.Select(o => o.Trim()));
        Assert.Contains(chosen, new[] { "Two year", "One year" });
    }
}
