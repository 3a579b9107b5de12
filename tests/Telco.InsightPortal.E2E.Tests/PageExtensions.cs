using Microsoft.Playwright;

namespace Telco.InsightPortal.E2E.Tests;

public static class PageExtensions
{
    /// <summary>Navigates and waits until the Blazor circuit is up, so clicks reach the server.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("#portal-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
