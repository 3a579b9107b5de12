using Bunit;
using Telco.InsightPortal.Web.Admin.Pages;
using Telco.InsightPortal.Web.Security.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Admin;

public sealed class TokenPagesTests : AdminTestContext
{
    [Fact]
    public async Task ANewTokenSecretIsShownOnceAndNeverListed()
    {
        var dana = await CreateUserAsync("dana", "Dana", Roles.Analyst);
        SignIn(dana);
        var dialogs = RenderDialogProvider();
        var cut = Render<MyTokensPage>();

        cut.WaitForElement("#new-token").Click();
        dialogs.WaitForElement("#token-name").Input("nightly export");
        dialogs.Find("#create-token").Click();
        var secret = dialogs.WaitForElement("#token-secret").GetAttribute("value")!;
        dialogs.Find("#token-done").Click();

        Assert.StartsWith(AccessTokens.Prefix, secret);
        cut.WaitForAssertion(() => Assert.Equal("nightly export", cut.Find("#token-table .token-name").TextContent));
        Assert.DoesNotContain(secret, cut.Markup);
        Assert.DoesNotContain(secret, dialogs.Markup);
        Assert.Contains(secret[..10], cut.Find("#token-table code").TextContent);
    }

    [Fact]
    public async Task RevokingOwnTokenAfterConfirmationMarksItRevoked()
    {
        var dana = await CreateUserAsync("dana", "Dana", Roles.Analyst);
        var issued = await Issuer.IssueAsync(dana, "ci", 7, Data.Audit.AuditActor.System, Ct);
        SignIn(dana);
        var dialogs = RenderDialogProvider();
        var cut = Render<MyTokensPage>();

        cut.WaitForElement($"#revoke-{issued.Id}").Click();
        dialogs.WaitForElement(".mud-message-box button.mud-button-filled, .mud-dialog-actions button:last-child").Click();

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("#token-table .token-status").TextContent.Trim()));
        Assert.NotNull((await Tokens.GetAsync(issued.Id, Ct))!.RevokedAt);
        Assert.Empty(cut.FindAll($"#revoke-{issued.Id}"));
    }

    [Fact]
    public async Task TheAdminTokensPageListsEveryonesTokensAndAnAuditorCannotRevoke()
    {
        var dana = await CreateUserAsync("dana", "<b>Dana</b>", Roles.Analyst);
        var auditor = await CreateUserAsync("olga", "Olga", Roles.Auditor);
        await Issuer.IssueAsync(dana, "<i>script</i>", 7, Data.Audit.AuditActor.System, Ct);
        await Issuer.IssueAsync(Root, "ops", 7, Data.Audit.AuditActor.System, Ct);
        SignIn(auditor);

        var cut = Render<TokensPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#token-table tbody tr").Count));
        Assert.Equal(["dana", "root"], cut.FindAll("#token-table .token-owner").Select(e => e.TextContent).Order());
        Assert.Contains(cut.FindAll("#token-table .token-name"), e => e.TextContent == "<i>script</i>");
        Assert.Empty(cut.FindAll("#token-table i"));
        Assert.Empty(cut.FindAll("button[id^='revoke-']"));
    }
}
