using Microsoft.Playwright;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download). Without Chromium the journeys skip
/// locally with the reason; under CI they fail, because there they must run.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static string ScreenshotDir { get; } = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException($"{ChromiumPath} is missing; CI must install chromium (apt).");
            return;
        }
        Directory.CreateDirectory(ScreenshotDir);
        // Blazor pages answer over a circuit; on a loaded two-core machine (the test command runs every test project at
        // once) 5 s is too tight for a first render, and a chart's first Plotly draw has taken over 20 s.
        Assertions.SetDefaultExpectTimeout(45_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public IBrowser RequireBrowser()
    {
        Assert.SkipWhen(Browser is null, $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).");
        return Browser!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
