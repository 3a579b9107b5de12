using Microsoft.Playwright;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>Sign-out now acts only with its form's antiforgery token: the user menu's form must carry a valid one.</summary>
public sealed class SignOutJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignOutFromTheUserMenuEndsTheSession()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.SignInAsync("admin", PortalFactory.AdminPassword, "/data");

        await page.ClickAsync("#user-menu");
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/account/login?signedOut=1");
        await page.GotoAsync("/data");

        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Contains("/account/login", page.Url);
    }
}
