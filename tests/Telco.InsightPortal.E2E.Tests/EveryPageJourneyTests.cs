using Microsoft.Playwright;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.E2E.Tests;

/// <summary>
/// Each of the README's five demo users, as a new user would: sign in on a portal started like <c>dotnet run</c>
/// (Development, demo data, demo models deployed), open every page the navigation offers and the first page each list
/// leads to, and find no HTTP error, no console error, no "Page not found" and no text cut off in a table cell.
/// Every page is saved as a screenshot (<c>TestResults/screenshots/journey-*.png</c>).
/// </summary>
[Collection(nameof(DemoPortalCollection))]
public sealed class EveryPageJourneyTests(BrowserFixture browser, DemoPortal demo) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> DemoUsers => new()
    {
        { "bella", "Demo-Business-User-1" },
        { "arthur", "Demo-Analyst-User-2" },
        { "dora", "Demo-Data-Scientist-3" },
        { "otto", "Demo-Auditor-User-4" },
        { "rita", "Demo-Admin-User-5" },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task EveryPageTheNavigationOffersOpensCleanly(string user, string password)
    {
        var chromium = browser.RequireBrowser();
        var baseUrl = await demo.StartAsync();
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var problems = new PageProblems(page, baseUrl);

        await page.SignInAsync(user, password);
        var visited = new List<string>();
        foreach (var href in await NavigationAsync(page))
        {
            await VisitAsync(page, problems, user, href, visited);
            // One level into each list (a dataset, an experiment, a model, a deployment), and one more (a run).
            var detail = await FirstLinkBelowAsync(page, href);
            if (detail is null) continue;
            await VisitAsync(page, problems, user, detail, visited);
            var deeper = await FirstLinkBelowAsync(page, detail) ?? await FirstLinkBelowAsync(page, "/runs");
            if (deeper is not null) await VisitAsync(page, problems, user, deeper, visited);
        }
        await VisitAsync(page, problems, user, "/account/tokens", visited);

        Assert.Contains("/", visited);
        Assert.True(visited.Count >= 2, $"{user} visited only {string.Join(", ", visited)}");
        Assert.Empty(problems.All);
    }

    [Fact]
    public async Task TheCutOffCheckFindsCutOffCellsAndPassesAbbreviatedAndScrollableOnes()
    {
        var chromium = browser.RequireBrowser();
        var page = await chromium.NewPageAsync();
        await page.SetContentAsync("""
            <table style="table-layout:fixed;width:200px"><tr>
              <td style="width:60px;overflow:hidden;white-space:nowrap">a-very-long-identifier-that-cannot-fit</td>
              <td style="width:60px;overflow:hidden;white-space:nowrap"><span title="a-very-long-identifier-that-cannot-fit">a-very-long-identifier-that-cannot-fit</span></td>
              <td style="width:80px">short</td>
            </tr></table>
            <div style="width:120px;overflow:hidden"><table><tr><td>inside</td><td style="padding-left:200px">beyond-the-card</td></tr></table></div>
            <div style="width:120px;overflow-x:auto"><table><tr><td>scrolls</td><td style="padding-left:200px">only-by-scrolling</td></tr></table></div>
            """);

        var cut = await CutOffCellsAsync(page);

        Assert.Equal(["a-very-long-identifier-that-cannot-fit", "beyond-the-card"], cut);
        await page.CloseAsync();
    }

    private static async Task VisitAsync(IPage page, PageProblems problems, string user, string href, List<string> visited)
    {
        if (visited.Contains(href)) return;
        visited.Add(href);
        problems.Page = href;
        var response = await page.GotoAsync(href);
        if (response is null || response.Status >= 400) problems.Add($"answered {response?.Status}");
        await page.Locator("#portal-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // Pages load their data after the circuit connects: let the loading indicators finish.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator(".mud-progress-linear, .mud-skeleton").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 })
            .ContinueWith(_ => { }, TaskScheduler.Default);
        await page.WaitForTimeoutAsync(300);
        if (await page.GetByText("Page not found").CountAsync() > 0) problems.Add("shows Page not found");
        foreach (var cell in await CutOffCellsAsync(page)) problems.Add($"cuts off a table cell: \"{cell}\"");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDir, $"journey-{user}-{Slug(href)}.png"), FullPage = true,
        });
    }

    /// <summary>The navigation's entries, in order (the home page first).</summary>
    private static async Task<IReadOnlyList<string>> NavigationAsync(IPage page)
    {
        var hrefs = await page.Locator("nav a.mud-nav-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return ["/", .. hrefs.Where(h => h is not null && h.StartsWith('/') && h != "/").Distinct()];
    }

    /// <summary>The first link in the page's content that leads below <paramref name="href"/>, or null.</summary>
    private static async Task<string?> FirstLinkBelowAsync(IPage page, string href)
    {
        if (href == "/") return null;
        var prefix = href.TrimEnd('/') + "/";
        var links = await page.Locator(".mud-main-content a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return links.FirstOrDefault(l => l is not null && l.StartsWith(prefix, StringComparison.Ordinal) && !l.Contains('#'));
    }

    /// <summary>Table cells whose text is wider than the cell and not abbreviated on purpose (an element with the full
    /// text as its title), and cells that a clipping container hides in part (a table wider than its card). A cell in a
    /// container the user can scroll sideways (a 21-column data preview) is reachable, so not cut off.</summary>
    private static Task<string[]> CutOffCellsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const hidden = c => {
                const r = c.getBoundingClientRect();
                if (r.width === 0) return false;
                for (let a = c.parentElement; a && a !== document.body; a = a.parentElement) {
                    const o = getComputedStyle(a).overflowX;
                    if (o === 'visible') continue;
                    if (o === 'auto' || o === 'scroll') return false;
                    const b = a.getBoundingClientRect();
                    return r.right > b.right + 1 || r.left < b.left - 1;
                }
                return false;
            };
            const clipped = c => c.scrollWidth > c.clientWidth + 1 && !c.hasAttribute('title') && !c.querySelector('[title]');
            return [...document.querySelectorAll('td, th')]
                .filter(c => clipped(c) || hidden(c))
                .map(c => c.innerText.trim().slice(0, 80));
        }
        """);

    private static string Slug(string href) =>
        href == "/" ? "home" : string.Concat(href.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    /// <summary>What went wrong on which page: HTTP errors of the portal's own requests, console errors, and the page's
    /// own findings.</summary>
    private sealed class PageProblems
    {
        private readonly List<string> _all = [];

        public PageProblems(IPage page, Uri baseUrl)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error") Add("console error: " + message.Text);
            };
            page.PageError += (_, error) => Add("page error: " + error);
            page.Response += (_, response) =>
            {
                if (response.Status >= 400 && response.Url.StartsWith(baseUrl.ToString(), StringComparison.Ordinal))
                    Add($"{response.Status} for {response.Url}");
            };
        }

        public string Page { get; set; } = "/";

        public IReadOnlyList<string> All
        {
            get { lock (_all) return [.. _all]; }
        }

        public void Add(string problem)
        {
            lock (_all) _all.Add($"{Page}: {problem}");
        }
    }
}
