using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class RegistryJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ATrainedRunIsRegisteredRequestedAsChampionApprovedByASecondPersonAndItsCardShows()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dora", Roles.DataScientist);
        await portal.CreateAsync("sam", Roles.DataScientist);
        var runId = await portal.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("churn-e2e", "telco-churn", null, "Churn", "logistic", null, 42, null, null), new AuditActor("dora"));
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        var options = new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } };
        await using var doraContext = await chromium.NewContextAsync(options);
        var dora = await doraContext.NewPageAsync();

        await dora.SignInAsync("dora", PortalUsers.Password, "/runs/" + runId);
        await dora.ClickAsync("#register-model");
        // The description first: the name is an autocomplete whose debounced search, on a loaded machine, could still
        // be settling while the next field was typed into.
        await dora.FillAsync("#register-description", "Monthly retention campaign targeting");
        await dora.FillAsync("#register-name", "churn");
        await dora.Locator("#register-name").PressAsync("Tab");
        await Assertions.Expect(dora.Locator("#register-name")).ToHaveValueAsync("churn");
        await Assertions.Expect(dora.Locator("#register-description")).ToHaveValueAsync("Monthly retention campaign targeting");
        await dora.ClickAsync("#register-submit");
        await Assertions.Expect(dora.Locator("#model-name")).ToHaveTextAsync("churn");
        await dora.ClickAsync(".promote-button");
        await dora.FillAsync("#promote-comment", "Best test AUC so far");
        await dora.ClickAsync("#promote-submit");
        await Assertions.Expect(dora.Locator(".own-request")).ToBeVisibleAsync();
        await dora.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "registry-requested.png") });

        await using var samContext = await chromium.NewContextAsync(options);
        var sam = await samContext.NewPageAsync();
        await sam.SignInAsync("sam", PortalUsers.Password, "/models/churn");
        await sam.Locator(".decision-comment input").FillAsync("Checked the card and the slices");
        await sam.ClickAsync(".approve-button");

        await Assertions.Expect(sam.Locator("#approval-history")).ToContainTextAsync("approved");
        await Assertions.Expect(sam.Locator("#model-card-1")).ToBeVisibleAsync();
        await Assertions.Expect(sam.Locator("#card-description")).ToHaveTextAsync("Monthly retention campaign targeting");
        await Assertions.Expect(sam.Locator("#slice-gender .main-svg").First).ToBeVisibleAsync();
        // Viewport screenshots: a full-page one resizes the window, and Plotly's responsive charts redraw at the wrong height.
        await sam.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "registry-model.png") });
        await sam.Locator("#card-importance").ScrollIntoViewIfNeededAsync();
        await sam.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "registry-card.png") });
        var champion = await portal.Services.GetRequiredService<RegistryStore>().GetVersionByAliasAsync("churn", "champion");
        Assert.Equal((1L, runId), (champion.Version, champion.RunId));
        await sam.GotoInteractiveAsync("/models");
        await Assertions.Expect(sam.Locator("#model-table")).ToContainTextAsync("@champion → v1");
        await sam.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "registry-models.png") });
    }
}
