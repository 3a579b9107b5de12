using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>Training from the browser and the API, then comparing; and cancelling from the run page.</summary>
public sealed class TrainingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);
    private static readonly string[] AllArtifacts =
    [
        ArtifactNames.Model, ArtifactNames.Metrics, ArtifactNames.Roc, ArtifactNames.PrecisionRecall, ArtifactNames.Confusion,
        ArtifactNames.Importance, ArtifactNames.Calibration, ArtifactNames.Predictions, ArtifactNames.Signature, RunLog.FileName,
    ];

    [Fact]
    public async Task SweepsStartedFromTheDialogAndTheApiFinishWithAllArtifactsAndCompareSideBySide()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dora", Roles.DataScientist);
        using var api = await ApiClientAsync(baseUrl, "dora");
        var worker = portal.Services.GetRequiredService<TrainingWorker>();
        var page = await NewPageAsync(chromium, baseUrl);
        var problems = WatchConsole(page);

        await page.SignInAsync("dora", PortalUsers.Password, "/experiments");
        await page.ClickAsync("#new-run");
        await ChooseAsync(page, "#run-dataset", "telco-churn");
        await ChooseAsync(page, "#run-trainer", "sweep");
        await page.FillAsync("#run-budget", "3");
        await Shot(page, "01-new-run-sweep");
        await page.ClickAsync("#run-submit");
        // Blazor moves to the run page in place (no page load): poll the URL rather than wait for a load event.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/[^/?]+$"));
        var uiRunId = page.Url.Split('/')[^1];
        var response = await api.PostAsJsonAsync("/api/v1/train", new { dataset = "telco-churn", label = "Churn", trainer = "sweep", seed = 7, budgetSeconds = 3 });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var apiRunId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        Assert.Equal("FINISHED", await worker.WhenDoneAsync(uiRunId).WaitAsync(RunLimit));
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("FINISHED");
        foreach (var name in AllArtifacts) await Assertions.Expect(page.Locator("#run-artifacts")).ToContainTextAsync(name);
        await Shot(page, "02-ui-sweep-finished");
        // The artifact list downloads through MLflow's route with the session cookie: the model zip arrives whole.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#run-artifacts a[download='model.zip']").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"e2e-{uiRunId}-model.zip");
        await download.SaveAsAsync(saved);
        var run = await (await api.GetAsync($"/api/2.0/mlflow/runs/get?run_id={uiRunId}")).Content.ReadFromJsonAsync<JsonElement>();
        var recorded = run.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray()
            .Single(t => t.GetProperty("key").GetString() == "artifact.model.zip.sha256").GetProperty("value").GetString();
        Assert.Equal(recorded, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(saved))));
        File.Delete(saved);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Log" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-log")).ToContainTextAsync("Trial 1/");
        await Assertions.Expect(page.Locator("#run-log")).ToContainTextAsync("FINISHED.");
        await Shot(page, "03-ui-sweep-log");
        Assert.Equal("FINISHED", await worker.WhenDoneAsync(apiRunId).WaitAsync(RunLimit));
        await page.GotoInteractiveAsync("/runs/" + apiRunId);
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("FINISHED");
        foreach (var name in AllArtifacts) await Assertions.Expect(page.Locator("#run-artifacts")).ToContainTextAsync(name);
        await page.GotoInteractiveAsync($"/experiments/compare?runs={uiRunId},{apiRunId}");

        await Assertions.Expect(page.Locator("#compare-table")).ToContainTextAsync("roc_auc");
        await Assertions.Expect(page.Locator("#compare-roc .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#compare-parallel .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#compare-parallel")).ToContainTextAsync("roc_auc");
        // One SVG line per run, each named in the legend (the axes and their labels have no legend entry).
        await Assertions.Expect(page.Locator("#compare-parallel .legend .traces")).ToHaveCountAsync(2);
        await Shot(page, "04-compare");
        var experimentId = (await portal.Services.GetRequiredService<Data.Tracking.TrackingStore>().GetRunAsync(apiRunId)).Info.ExperimentId;
        await page.GotoInteractiveAsync($"/experiments/{experimentId}");
        await page.ClickAsync("#column-chooser-toggle");
        await page.Locator("div[data-column='params.seed'] input").CheckAsync();
        // The chooser rewrites the address in place (no page load), so poll the URL rather than wait for a load event.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("cols=.*params\\.seed"));
        await Assertions.Expect(page.Locator("#run-table thead")).ToContainTextAsync("seed");
        // Params are text, as in MLflow: "42" sorts before "7"; a second click reverses.
        await page.ClickAsync("button[data-sort='params.seed']");
        await Assertions.Expect(page.Locator("#run-table tbody tr:first-child td:last-child")).ToHaveTextAsync("42");
        await Shot(page, "05-runs-columns");
        await page.ClickAsync("button[data-sort='params.seed']");
        await Assertions.Expect(page.Locator("#run-table tbody tr:first-child td:last-child")).ToHaveTextAsync("7");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ARunCancelledFromItsPageEndsKilledAfterShowingItsProgress()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("dora", Roles.DataScientist);
        var control = portal.Services.GetRequiredService<RunControl>();
        var queue = portal.Services.GetRequiredService<TrainingQueue>();
        string? runId = null;
        using var pageReady = new ManualResetEventSlim();
        // Paces the sweep (on its training thread) so the page is seen mid-sweep however fast this machine trains: it
        // waits at trial 1 until the page is up, lets trial 2 through to the page, then waits at trial 3 until the
        // cancel is registered, so the click lands while the run trains.
        using var pace = portal.Services.GetRequiredService<RunProgress>().Subscribe(state =>
        {
            if (state.RunId != runId) return;
            if (state.Trial == 1) pageReady.Wait(RunLimit);
            if (state.Trial >= 3) SpinWait.SpinUntil(() => control.CancelledBy(state.RunId) is not null, RunLimit);
        });
        runId = await queue.SubmitAsync(new TrainRequestDto("cancel-e2e", "telco-churn", null, "Churn", "sweep", null, 42, 600, null),
            new Data.Audit.AuditActor("dora"));
        var page = await NewPageAsync(chromium, baseUrl);
        var problems = WatchConsole(page);

        await page.SignInAsync("dora", PortalUsers.Password, "/runs/" + runId);
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("RUNNING");
        await Assertions.Expect(page.Locator("#run-trial")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Trial [01] of 24$"));
        pageReady.Set();
        // A trial now also fits its derived features and calibration; on a loaded machine it can take longer than the default wait.
        await Assertions.Expect(page.Locator("#run-trial")).ToHaveTextAsync("Trial 2 of 24", new() { Timeout = 90_000 });
        await Shot(page, "06-running-progress");
        var experimentId = (await portal.Services.GetRequiredService<Data.Tracking.TrackingStore>().GetRunAsync(runId)).Info.ExperimentId;
        await page.GotoInteractiveAsync($"/experiments/{experimentId}");
        await Assertions.Expect(page.Locator(".run-row-progress")).ToContainTextAsync("Sweeping · trial");
        await Shot(page, "07-runs-table-progress");
        await page.GotoInteractiveAsync("/runs/" + runId);
        await page.ClickAsync("#run-cancel");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();

        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("KILLED");
        Assert.Equal("KILLED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Log" }).ClickAsync();
        await Assertions.Expect(page.Locator("#run-log")).ToContainTextAsync("KILLED: cancelled by dora.");
        await Shot(page, "08-killed-log");
        Assert.Empty(problems);
    }

    /// <summary>A client of the running portal with a bearer token issued to the user through the token API.</summary>
    private static async Task<HttpClient> ApiClientAsync(Uri baseUrl, string username)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "e2e" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{PortalUsers.Password}")));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<IPage> NewPageAsync(IBrowser chromium, Uri baseUrl) =>
        await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

    /// <summary>Console errors and CSP violations (Plotly's parallel coordinates draw with WebGL shaders; this
    /// shows they run under the portal's policy).</summary>
    private static List<string> WatchConsole(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) problems.Add(m.Text);
        };
        page.PageError += (_, e) => problems.Add(e);
        return problems;
    }

    private static async Task ChooseAsync(IPage page, string select, string option)
    {
        // MudSelect keeps its value in a hidden input; the visible control around it opens the list.
        await page.Locator($".mud-select:has({select})").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"training-{name}.png"), FullPage = true });
}
