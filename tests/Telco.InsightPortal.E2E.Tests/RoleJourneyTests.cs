using Microsoft.Playwright;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.E2E.Tests;

public sealed class RoleJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BusinessUserSeesAccessDeniedForAdminAndAuditAndNoSuchMenuEntries()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("bella", Roles.BusinessUser);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("bella", PortalUsers.Password);
        await Assertions.Expect(page.Locator(".mud-nav-link", new() { HasText = "Audit" })).ToHaveCountAsync(0);
        await Shot(page, "business-home");
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Shot(page, "business-audit-denied");
        await page.GotoAsync("/data");

        await Assertions.Expect(page.Locator("#access-denied")).ToContainTextAsync("Access denied");
        Assert.DoesNotContain("/account/login", page.Url);
    }

    [Fact]
    public async Task AnalystReadsDataButIsOfferedNoUploadOrGenerate()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("arthur", Roles.Analyst);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("arthur", PortalUsers.Password, "/data/telco-churn");
        await Assertions.Expect(page.Locator("#preview-table tbody tr").First).ToBeVisibleAsync();

        Assert.Equal(0, await page.Locator("#upload-batch").CountAsync());
        Assert.Equal(0, await page.Locator("#generate-batch").CountAsync());
        await Shot(page, "analyst-dataset");
    }

    [Fact]
    public async Task AuditorOpensTheAuditTrailAndVerifiesTheChain()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("otto", Roles.Auditor);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("otto", PortalUsers.Password, "/audit");
        await Assertions.Expect(page.Locator("#audit-entries")).ToContainTextAsync("snapshot.commit");
        await page.ClickAsync("#audit-verify");
        await Assertions.Expect(page.Locator("#audit-verify-result")).ToContainTextAsync("Chain intact");

        await Shot(page, "auditor-verified");
    }

    [Fact]
    public async Task SignInPageShowsAClearErrorForWrongPasswordAndNoMarkup()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString() });

        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "<b>nobody</b>");
        await page.FillAsync("#password", "wrong-password-here");
        await page.ClickAsync("#sign-in");

        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(LocalAccounts.InvalidCredentials);
        await Shot(page, "login-error");
    }

    [Fact]
    public async Task AdminManagesUsersAndTokens()
    {
        var chromium = browser.RequireBrowser();
        await using var portal = await PortalFactory.CreateAsync();
        var baseUrl = portal.StartKestrel();
        await portal.CreateAsync("arthur", Roles.Analyst);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.SignInAsync("admin", PortalFactory.AdminPassword, "/admin/users");
        await Assertions.Expect(page.GetByText("arthur").First).ToBeVisibleAsync();
        await Shot(page, "admin-users");
        await page.GotoInteractiveAsync("/account/tokens");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("token", new() { IgnoreCase = true });
        await Shot(page, "my-tokens");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"roles-{name}.png"), FullPage = true });
}
