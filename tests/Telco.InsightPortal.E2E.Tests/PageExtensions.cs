using Microsoft.Playwright;

namespace Telco.InsightPortal.E2E.Tests;

public static class PageExtensions
{
    /// <summary>Signs in through the login form and lands on <paramref name="url"/>, connected.</summary>
    public static async Task SignInAsync(this IPage page, string username, string password, string url = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(url));
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.Locator("#portal-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Navigates and waits until the Blazor circuit is up, so clicks reach the server.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("#portal-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
