using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Telco.Apps.RoiThreshold;
using Telco.InsightPortal.Apps;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// The demo business user on the demo portal: the ROI app, bound at first start, is on her home page; moving the
/// threshold shows the net value the formula gives on the served version's held-out predictions
/// (<c>docs/screenshots/demo-roi.png</c>).
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class BusinessUserAppsJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheRoiAppOpensFromHomeAndMovingTheThresholdShowsTheNetValueOfTheFormula()
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        var curve = await HeldOutCurveAsync();
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("bella", "Demo-Business-User-1", "/");

        await page.Locator("#app-roi-threshold a", new() { HasText = "Open" }).ClickAsync();
        var net = page.Locator("#roi-net-value [data-testid=figure-value]");
        await Assertions.Expect(net).ToHaveTextAsync(Money(curve.PointAt(0.5, CostMatrix.ChurnDefault).NetValue));
        await page.Locator(".mud-slider input[type=range]").FocusAsync();
        for (var i = 0; i < 10; i++) await page.Keyboard.PressAsync("ArrowLeft");

        await Assertions.Expect(net).ToHaveTextAsync(Money(curve.PointAt(0.4, CostMatrix.ChurnDefault).NetValue));
        await Assertions.Expect(page.Locator(".main-svg").First).ToBeVisibleAsync();
        // Plotly redraws the charts after the figures change, in its own time: let the screenshot show the redrawn lines.
        await page.WaitForTimeoutAsync(1500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "demo-roi.png"), FullPage = true });
    }

    /// <summary>What the app reads: the held-out predictions of the version the bound deployment serves.</summary>
    private async Task<RoiCurve> HeldOutCurveAsync()
    {
        using var scope = demo.Services.CreateScope();
        var host = scope.ServiceProvider.GetRequiredService<IAppHost>();
        var deployment = await host.DeploymentAsync(RoiThresholdApp.AppId);
        Assert.Equal("telco-churn", deployment!.Name);
        await using var stream = await host.OpenHeldOutPredictionsAsync(deployment.Versions[0].RunId);
        return HeldOutPredictions.Parse(stream!).ToCurve();
    }

    private static string Money(double value) => value.ToString("N0");
}
