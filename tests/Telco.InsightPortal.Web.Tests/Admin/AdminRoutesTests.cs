using System.Net;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Admin;

/// <summary>The real host: its policies decide who reaches the admin and token pages, and prerendering
/// resolves every service the pages inject.</summary>
public sealed class AdminRoutesTests
{
    [Fact]
    public async Task AdminAndAuditorReachTheAdminPagesAndAnAnalystIsDenied()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await portal.CreateAsync("olga", Roles.Auditor);
        await portal.CreateAsync("dana", Roles.Analyst);
        var (admin, _) = await portal.SignInAsync("admin", PortalFactory.AdminPassword);
        var (auditor, _) = await portal.SignInAsync("olga", PortalUsers.Password);
        var (analyst, _) = await portal.SignInAsync("dana", PortalUsers.Password);

        var adminUsers = await admin.GetStringAsync("/admin/users");
        var auditorTokens = await auditor.GetAsync("/admin/tokens");
        var analystUsers = await analyst.GetAsync("/admin/users");
        var analystOwnTokens = await analyst.GetAsync("/account/tokens");

        Assert.Contains("id=\"new-user\"", adminUsers);
        Assert.Equal(HttpStatusCode.OK, auditorTokens.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystUsers.StatusCode);
        Assert.Contains("id=\"access-denied\"", await analystUsers.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, analystOwnTokens.StatusCode);
        Assert.Contains("id=\"new-token\"", await analystOwnTokens.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
