using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Verifier;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Issue 15's auditor journey on the demo portal, as the demo auditor: pick the serving deployment, follow its lineage
/// to the source file, read the audit entries of each step from the graph's side panel, verify the chain, download the
/// deployed version's evidence pack from its model page, and check it offline with the shipped verifier — accepted as
/// downloaded, refused naming the entry once one byte of that entry is changed. Screenshots: <c>auditor-*.png</c>.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class AuditorJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    private const string Canvas = "#lineage-canvas";

    [Fact]
    public async Task TheAuditorFollowsADeploymentToItsSourceFileReadsEachStepsEntriesAndVerifiesTheEvidencePackOffline()
    {
        var (otto, errors) = await SignedInAsync("/deployments");
        await otto.Locator("a[href='/deployments/telco-churn']").First.ClickAsync(new() { Timeout = 60_000 });
        await otto.WaitForURLAsync("**/deployments/telco-churn");
        await Screenshot(otto, "auditor-deployment");

        // Its lineage, upstream all the way: deployment ← version ← run ← snapshot ← source file.
        await otto.ClickAsync("#deployment-lineage");
        await otto.WaitForURLAsync(new Regex("/lineage\\?type=deployment&id=telco-churn"));
        await otto.GotoInteractiveAsync("/lineage?type=deployment&id=telco-churn&direction=upstream&depth=10");
        var source = await WaitForKeyAsync(otto, "source-file/");
        var keys = await KeysAsync(otto);
        var version = keys.First(k => k.StartsWith("model-version/telco-churn/", StringComparison.Ordinal));
        var run = keys.First(k => k.StartsWith("run/", StringComparison.Ordinal));
        var snapshot = keys.First(k => k.StartsWith("snapshot/", StringComparison.Ordinal));
        await ClickNodeAsync(otto, source);
        await Assertions.Expect(otto.Locator("#side-type")).ToHaveTextAsync("source-file");
        await Assertions.Expect(otto.Locator("#side-id")).ToHaveTextAsync(source["source-file/".Length..]);
        await Screenshot(otto, "auditor-lineage-source");

        // The audit entries of each step, as the side panel links to them.
        var steps = new (string Key, string Action)[]
        {
            ("deployment/telco-churn", "deployment.create"), (version, "model.version.create"), (run, "run.create"), (snapshot, "snapshot.commit"),
        };
        var trails = new List<string>();
        foreach (var (key, _) in steps)
        {
            await ClickNodeAsync(otto, key);
            await Assertions.Expect(otto.Locator(Canvas)).ToHaveAttributeAsync("data-selected", key);
            trails.Add(await otto.Locator("#side-audit").GetAttributeAsync("href") ?? throw new InvalidOperationException($"No audit link for {key}."));
        }
        for (var i = 0; i < steps.Length; i++)
        {
            await otto.GotoInteractiveAsync(trails[i]);
            await Assertions.Expect(otto.Locator("#audit-entries")).ToContainTextAsync(steps[i].Action, new() { Timeout = 60_000 });
            await Screenshot(otto, $"auditor-audit-{steps[i].Key.Split('/')[0]}");
        }

        await otto.Locator("#audit-verify").ClickAsync();
        await Assertions.Expect(otto.Locator("#audit-verify-result")).ToContainTextAsync("Chain intact", new() { Timeout = 120_000 });
        await Screenshot(otto, "auditor-chain-verified");

        // The deployed version's evidence pack, from its model page, checked offline with the key fetched separately.
        var number = version.Split('/')[^1];
        await otto.GotoInteractiveAsync($"/models/telco-churn?version={number}");
        var download = await otto.RunAndWaitForDownloadAsync(() => otto.Locator("#evidence-pack").ClickAsync(new() { Timeout = 60_000 }),
            new() { Timeout = 120_000 });
        var path = Path.Combine(BrowserFixture.ScreenshotDir, "auditor-evidence.zip");
        await download.SaveAsAsync(path);
        await Assertions.Expect(otto.GetByText("check it with telco-verify")).ToBeVisibleAsync();
        await Screenshot(otto, "auditor-evidence");
        var fingerprint = JsonDocument.Parse(await (await otto.APIRequest.GetAsync("/api/v1/audit/public-key")).TextAsync())
            .RootElement.GetProperty("fingerprint").GetString()!;

        var (accepted, said) = Verify(path, fingerprint);
        Assert.True(accepted == VerifierCommand.Verified, said);
        Assert.StartsWith($"verified: telco-churn version {number}", said);

        var pack = await File.ReadAllBytesAsync(path);
        var tampered = Path.Combine(BrowserFixture.ScreenshotDir, "auditor-evidence-tampered.zip");
        await File.WriteAllBytesAsync(tampered, ZipEntries.Replace(pack, PackLayout.Entries, "\"action\":\"deployment.create\"", "\"action\":\"deployment.creatf\""));
        var (refused, why) = Verify(tampered, fingerprint);
        Assert.Equal(VerifierCommand.Rejected, refused);
        Assert.Matches(@"NOT VERIFIED: entry \d+ \(deployment\.creatf\)", why);
        Assert.Empty(errors);
    }

    private static (int Code, string Said) Verify(string path, string key)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = VerifierCommand.Run([path, "--key", key], output, error);
        return (code, output.ToString() + error);
    }

    private async Task<(IPage Page, List<string> Errors)> SignedInAsync(string url)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await page.SignInAsync("otto", "Demo-Auditor-User-4", url);
        return (page, errors);
    }

    private static async Task<string> WaitForKeyAsync(IPage page, string prefix)
    {
        await page.Locator(Canvas).WaitForAsync(new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("([s, p]) => document.querySelector(s)?.lineageGraph?.keys().some(k => k.startsWith(p))",
            new[] { Canvas, prefix }, new() { Timeout = 60_000 });
        return (await KeysAsync(page)).First(k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static Task<string[]> KeysAsync(IPage page) =>
        page.EvaluateAsync<string[]>("s => document.querySelector(s).lineageGraph.keys()", Canvas);

    /// <summary>Clicks a node where it is drawn, as a person would.</summary>
    private static async Task ClickNodeAsync(IPage page, string key)
    {
        await page.EvaluateAsync("s => document.querySelector(s).lineageGraph.fit()", Canvas);
        var at = await page.EvaluateAsync<JsonElement>("([s, k]) => document.querySelector(s).lineageGraph.position(k)", new[] { Canvas, key });
        await page.Mouse.ClickAsync(at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
