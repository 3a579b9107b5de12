using Microsoft.Playwright;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Typing and Escape in the register dialog as a real browser delivers them: bUnit cannot show the round trips that once
/// lost keys typed into the name and closed the dialog on the Escape meant for its suggestions.
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class RegisterDialogKeyboardTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NoTypedKeyIsLostEscapeInTheNameKeepsTheDialogAndEscapeInTheNextFieldClosesIt()
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("dora", "Demo-Data-Scientist-3", "/experiments");
        await page.GetByRole(AriaRole.Link, new() { Name = "telco-churn" }).ClickAsync();
        await page.Locator(".mud-main-content a[href^='/runs/']").First.ClickAsync();

        await page.ClickAsync("#register-model");
        var name = page.Locator("#register-name");
        await name.ClickAsync();
        await Assertions.Expect(page.Locator("#register-models option[value='telco-churn']")).ToHaveCountAsync(1);
        await name.PressSequentiallyAsync("telco-churn-challenger"); // as fast as keys go: none may be lost
        await name.PressAsync("Escape");
        await name.PressAsync("Escape");
        await page.WaitForTimeoutAsync(500);

        await Assertions.Expect(page.Locator("#register-form")).ToBeVisibleAsync();
        await Assertions.Expect(name).ToHaveValueAsync("telco-churn-challenger");
        await page.Locator("#register-description").PressAsync("Escape");
        await Assertions.Expect(page.Locator("#register-form")).ToHaveCountAsync(0);
    }
}
