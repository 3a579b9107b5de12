using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class DeploymentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheChampionIsDeployedFromTheUiItsKeyShownOnceTriedScoredInEveryPayloadFormatThenStoppedAndStarted()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("sam", Roles.DataScientist);
        await portal.CreateAsync("otto", Roles.Auditor);
        var dora = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await portal.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("churn-deploy", "telco-churn", null, "Churn", "logistic", null, 42, null, null), new AuditActor("dora"));
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/registered-models/create", new { name = "churn" })).EnsureSuccessStatusCode();
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId })).EnsureSuccessStatusCode();
        // Four eyes: dora asks for champion, sam approves.
        var registry = portal.Services.GetRequiredService<RegistryStore>();
        var request = (await registry.SetAliasAsync("churn", ModelAliases.Champion, 1, "best AUC", new AuditActor("dora"))).Pending!;
        await registry.DecideAsync(request.ApprovalId, approve: true, "checked the card", new AuditActor("sam"));
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.SignInAsync("dora", PortalUsers.Password, "/deployments");
        await Assertions.Expect(page.GetByText("No deployments yet")).ToBeVisibleAsync();
        await page.ClickAsync("#deploy-button");
        await page.FillAsync("#deploy-name", "churn-champ");
        await Assertions.Expect(page.Locator("#deploy-alias")).ToHaveValueAsync("champion");
        await page.ClickAsync("#deploy-submit");
        var key = await page.Locator("#access-key").InputValueAsync(new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-key-once.png") });
        await page.ClickAsync("#deploy-done");
        await Assertions.Expect(page.Locator("#deployment-name")).ToHaveTextAsync("churn-champ");
        await Assertions.Expect(page.Locator("#target-table")).ToContainTextAsync("v1");
        await Assertions.Expect(page.Locator("#deployment-facts")).ToContainTextAsync("2 engine(s) per serving process");
        await Assertions.Expect(page.Locator("#try-score")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deployment-scientist.png"), FullPage = true });
        foreach (var input in await page.Locator("#try-inputs input[data-column]").AllAsync())
            await input.FillAsync(Sample(await input.GetAttributeAsync("data-column") ?? "", await input.GetAttributeAsync("type")));
        await page.ClickAsync("#try-score");
        await Assertions.Expect(page.Locator("#try-result")).ToContainTextAsync("churn/1");
        await page.Locator("#try-result").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-try-it.png") });
        var probability = double.Parse((await page.Locator("#try-result").InnerTextAsync()).Split('\n').SkipWhile(l => l.Trim() != "Probability").Skip(1).First().Trim(), CultureInfo.InvariantCulture);
        var keyShownAgain = (await page.ContentAsync()).Contains(key, StringComparison.Ordinal);

        using var scorer = new HttpClient { BaseAddress = baseUrl };
        scorer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var generator = new TelcoChurnGenerator();
        var features = generator.Schema.Columns.Where(c => c.Role == ColumnRole.Feature).ToList();
        var rows = generator.Generate(new GeneratorRequest(4, 11)).ToList();
        var answers = new Dictionary<string, double[]>();
        foreach (var (format, body) in Bodies(features, rows))
        {
            var response = await scorer.PostAsync("/serving/churn-champ/invocations", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {text}");
            answers[format] = [.. JsonDocument.Parse(text).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble())];
        }
        var explained = JsonDocument.Parse(await (await scorer.PostAsync("/serving/churn-champ/explain", Bodies(features, rows).First().Body)).Content.ReadAsStringAsync());
        var refused = await scorer.PostAsync("/serving/churn-champ/invocations", new StringContent("{\"dataframe_split\": 7}", Encoding.UTF8, "application/json"));

        await page.GotoInteractiveAsync("/deployments/churn-champ");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Traffic" }).ClickAsync();
        await Assertions.Expect(page.Locator(".main-svg").First).ToBeVisibleAsync();
        await page.Locator(".main-svg").First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-traffic.png") });
        // The writer adds a batch's counters within its gather time and the page reads them as it renders: reload
        // until the refused request is counted, with a deadline.
        var errors = page.Locator("#errors-summary, #errors-empty");
        await Assertions.Expect(errors).ToBeVisibleAsync();
        for (var attempt = 0; attempt < 20 && !(await errors.TextContentAsync() ?? "").Contains("1 refused"); attempt++)
        {
            await Task.Delay(500);
            await page.GotoInteractiveAsync("/deployments/churn-champ");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Traffic" }).ClickAsync();
            await Assertions.Expect(errors).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.Locator("#errors-summary")).ToContainTextAsync("1 refused");
        await page.Locator("#errors-summary").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-errors.png") });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Recent requests" }).ClickAsync();
        // Inputs by name, behind each row's toggle.
        await page.Locator("#recent-table .prediction-inputs-toggle").First.ClickAsync();
        await Assertions.Expect(page.Locator("#recent-table")).ToContainTextAsync("tenure:");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-recent.png") });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Access keys" }).ClickAsync();
        await Assertions.Expect(page.Locator("#key-table")).ToContainTextAsync("portal");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deploy-keys.png") });
        await page.GotoInteractiveAsync("/deployments");
        await Assertions.Expect(page.Locator("#deployment-table")).ToContainTextAsync("churn-champ");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deployments-list.png") });

        // Stop (confirmed), see it stopped on the page and in the list, then start it again.
        await page.GotoInteractiveAsync("/deployments/churn-champ");
        await page.ClickAsync("#stop-button");
        await page.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".deployment-status")).ToHaveTextAsync("stopped");
        await Assertions.Expect(page.Locator("#start-button")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deployment-stopped.png") });
        var whileStopped = await scorer.PostAsync("/serving/churn-champ/invocations", Bodies(features, rows).First().Body);
        await page.GotoInteractiveAsync("/deployments");
        await Assertions.Expect(page.Locator("#deployment-table .deployment-status")).ToHaveTextAsync("stopped");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deployments-list-stopped.png") });
        await page.GotoInteractiveAsync("/deployments/churn-champ");
        await page.ClickAsync("#start-button");
        await Assertions.Expect(page.Locator(".deployment-status")).ToHaveTextAsync("active");
        var afterStart = await scorer.PostAsync("/serving/churn-champ/invocations", Bodies(features, rows).First().Body);

        // An auditor reads everything and changes nothing: the same page, its form filled in, no Score and no controls.
        var deployments = portal.Services.GetRequiredService<DeploymentStore>();
        await UntilLoggedAsync(deployments, "churn-champ", await afterStart.Content.ReadAsStringAsync());
        var beforeAuditor = await ReadCountsAsync(deployments, "churn-champ");
        await using var auditorContext = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        var auditor = await auditorContext.NewPageAsync();
        await auditor.SignInAsync("otto", PortalUsers.Password, "/deployments/churn-champ");
        await Assertions.Expect(auditor.Locator("#try-inputs")).ToBeVisibleAsync();
        await Assertions.Expect(auditor.Locator("#try-read-only")).ToBeVisibleAsync();
        await auditor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "deployment-auditor.png"), FullPage = true });
        var auditorScore = await auditor.Locator("#try-score").CountAsync();
        var auditorControls = await auditor.Locator("#lifecycle-actions, #target-actions").CountAsync();
        await auditor.GetByRole(AriaRole.Tab, new() { Name = "Access keys" }).ClickAsync();
        await Assertions.Expect(auditor.Locator("#key-table")).ToContainTextAsync("portal");
        var auditorKeyButtons = await auditor.Locator("#key-create, .key-revoke").CountAsync();
        var afterAuditor = await ReadCountsAsync(deployments, "churn-champ");

        Assert.Equal((0, 0, 0), (auditorScore, auditorControls, auditorKeyButtons));
        Assert.Equal(beforeAuditor, afterAuditor);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileStopped.StatusCode);
        Assert.Contains("TEMPORARILY_UNAVAILABLE", await whileStopped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterStart.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("tsk_", key);
        Assert.False(keyShownAgain);
        Assert.InRange(probability, 0, 1);
        Assert.Equal(5, answers.Count);
        Assert.All(answers.Values, a => Assert.Equal(answers["dataframe_split"], a, (x, y) => Math.Abs(x - y) < 1e-6));
        foreach (var row in explained.RootElement.GetProperty("explanations").EnumerateArray())
        {
            var sum = row.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("contribution").GetDouble());
            Assert.Equal(row.GetProperty("score").GetDouble(), row.GetProperty("bias").GetDouble() + sum, 4);
        }
    }

    private static IEnumerable<(string Format, HttpContent Body)> Bodies(IReadOnlyList<DatasetColumn> features, IReadOnlyList<object?[]> rows)
    {
        var records = rows.Select(r => features.ToDictionary(c => c.Name, c => r[c.Ordinal])).ToList();
        yield return ("dataframe_split", Json(new { dataframe_split = new { columns = features.Select(c => c.Name), data = rows.Select(r => features.Select(c => r[c.Ordinal])) } }));
        yield return ("dataframe_records", Json(new { dataframe_records = records }));
        yield return ("instances", Json(new { instances = records }));
        yield return ("inputs", Json(new { inputs = features.ToDictionary(c => c.Name, c => rows.Select(r => r[c.Ordinal])) }));
        var csv = new StringBuilder(string.Join(',', features.Select(c => c.Name))).Append('\n');
        foreach (var r in rows) csv.Append(string.Join(',', features.Select(c => Convert.ToString(r[c.Ordinal], CultureInfo.InvariantCulture)))).Append('\n');
        yield return ("text/csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
    }

    /// <summary>Waits, with a deadline, until the log writer has stored the predictions of a scoring answer.</summary>
    private static async Task UntilLoggedAsync(DeploymentStore store, string name, string answer)
    {
        var uuids = JsonDocument.Parse(answer).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("uuid").GetString()!).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!uuids.IsSubsetOf((await store.PredictionsAsync((await store.GetAsync(name))!, 0, long.MaxValue, 100)).Select(p => p.Uuid)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The scored predictions were not logged within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Keys and requests of the deployment, and its logged predictions: what an auditor's visit must not change.</summary>
    private static async Task<(int Keys, long Requests, int Predictions)> ReadCountsAsync(DeploymentStore store, string name)
    {
        var deployment = (await store.GetAsync(name))!;
        return ((await store.KeysAsync(deployment)).Count, deployment.Requests, (await store.PredictionsAsync(deployment, 0, long.MaxValue, 10_000)).Count);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>A plausible value per column of the demo churn data.</summary>
    private static string Sample(string column, string? type) => column switch
    {
        "gender" => "Female",
        "Contract" => "Month-to-month",
        "PaymentMethod" => "Electronic check",
        "InternetService" => "Fiber optic",
        _ when type == "number" => column is "tenure" ? "3" : column.Contains("Charges") ? "70.5" : "0",
        _ => "No",
    };
}
