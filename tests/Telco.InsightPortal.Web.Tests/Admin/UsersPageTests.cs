using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Admin.Pages;
using Telco.InsightPortal.Web.Admin;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Admin;

public sealed class UsersPageTests : AdminTestContext
{
    [Fact]
    public async Task ListsUsersWithTheirRoles()
    {
        await CreateUserAsync("dana", "Dana Analyst", Roles.Analyst, Roles.DataScientist);
        SignIn(Root);

        var cut = Render<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#user-table tbody tr").Count));
        var dana = cut.FindAll("#user-table tbody tr").Single(r => r.QuerySelector(".user-name")!.TextContent == "dana");
        Assert.Equal(["Analyst", "DataScientist"], dana.QuerySelectorAll(".user-roles .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal("active", dana.QuerySelector(".user-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task CreatingAUserWithACommonPasswordShowsThePolicyReasonAndCreatesNothing()
    {
        SignIn(Root);
        var dialogs = RenderDialogProvider();
        var cut = Render<UsersPage>();

        cut.Find("#new-user").Click();
        dialogs.WaitForElement("#new-username");
        dialogs.Find("#new-username").Input("carol");
        dialogs.Find("#new-password").Input("P@ssw0rd2024!");
        dialogs.Find("#create-user").Click();

        var expected = PasswordPolicy.Problem("P@ssw0rd2024!", "carol")!;
        dialogs.WaitForAssertion(() => Assert.Equal(expected, dialogs.Find("#new-user-error").TextContent.Trim()));
        Assert.Null(await Users.FindAsync("carol"));
    }

    [Fact]
    public async Task CreatingAValidUserAddsThemWithAnAuditEntry()
    {
        SignIn(Root);
        var dialogs = RenderDialogProvider();
        var cut = Render<UsersPage>();

        cut.Find("#new-user").Click();
        dialogs.WaitForElement("#new-username");
        dialogs.Find("#new-username").Input("carol.m");
        dialogs.Find("#new-display-name").Input("Carol M");
        dialogs.Find("#role-Analyst").Change(true);
        dialogs.Find("#new-password").Input("Amber-Falcon-Meadow-73");
        dialogs.Find("#create-user").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("#user-table .user-name"), e => e.TextContent == "carol.m"));
        var carol = await Users.FindAsync("carol.m");
        Assert.NotNull(carol);
        Assert.True(carol.MustChangePassword);
        Assert.Equal(["Analyst", "BusinessUser"], carol.Roles);
        var audit = await Log.PageAsync(new AuditQuery { Action = "user.create", TargetId = "carol.m" }, new AuditPaging(10), Ct);
        Assert.Equal("root", Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task ADuplicateUsernameIsRefusedWithAMessage()
    {
        await CreateUserAsync("dana", "Dana", Roles.Analyst);
        SignIn(Root);
        var dialogs = RenderDialogProvider();
        var cut = Render<UsersPage>();

        cut.Find("#new-user").Click();
        dialogs.WaitForElement("#new-username");
        dialogs.Find("#new-username").Input("DANA");
        dialogs.Find("#new-password").Input("Amber-Falcon-Meadow-73");
        dialogs.Find("#create-user").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("A user named 'DANA' already exists.", dialogs.Find("#new-user-error").TextContent.Trim()));
    }

    [Fact]
    public async Task AnAuditorSeesTheListButNoWriteActions()
    {
        var auditor = await CreateUserAsync("olga", "Olga Auditor", Roles.Auditor);
        SignIn(auditor);

        var cut = Render<UsersPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#user-table tbody tr").Count));
        Assert.Empty(cut.FindAll("#new-user"));
        Assert.Empty(cut.FindAll(".user-actions"));
        Assert.Empty(cut.FindAll("button[id^='roles-'], button[id^='toggle-'], button[id^='reset-']"));
    }

    [Fact]
    public async Task AnAuditorCannotChangeUsersEvenByCallingTheServiceDirectly()
    {
        var auditor = await CreateUserAsync("olga", "Olga Auditor", Roles.Auditor);
        SignIn(auditor);
        var admin = Services.GetRequiredService<UserAdministration>();

        var problem = await admin.SetDisabledAsync(Root, true, Ct);

        Assert.Equal(UserAdministration.ReadOnly, problem);
        Assert.False((await Users.GetAsync(Root.Id, Ct))!.Disabled);
    }

    [Fact]
    public async Task AnAdminCannotRemoveTheirOwnAdminRoleOrDisableThemselves()
    {
        SignIn(Root);
        var admin = Services.GetRequiredService<UserAdministration>();

        var roles = await admin.SetRolesAsync(Root, [Roles.Analyst], Ct);
        var disable = await admin.SetDisabledAsync(Root, true, Ct);

        Assert.StartsWith("You cannot remove your own Admin role", roles);
        Assert.StartsWith("You cannot disable your own account", disable);
        var root = (await Users.GetAsync(Root.Id, Ct))!;
        Assert.Equal([Roles.Admin], root.Roles);
        Assert.False(root.Disabled);
    }

    [Fact]
    public async Task DisablingAUserShowsThemDisabled()
    {
        var dana = await CreateUserAsync("dana", "Dana", Roles.Analyst);
        SignIn(Root);
        var cut = Render<UsersPage>();

        cut.WaitForElement($"#toggle-{dana.Id}").Click();

        cut.WaitForAssertion(() => Assert.Equal("disabled", cut.FindAll("#user-table tbody tr")
            .Single(r => r.QuerySelector(".user-name")!.TextContent == "dana").QuerySelector(".user-status")!.TextContent.Trim()));
        Assert.True((await Users.GetAsync(dana.Id, Ct))!.Disabled);
    }

    [Fact]
    public async Task ResettingAPasswordShowsTheGeneratedOneOnceAndRequiresAChange()
    {
        var dana = await CreateUserAsync("dana", "Dana", Roles.Analyst);
        SignIn(Root);
        var dialogs = RenderDialogProvider();
        var cut = Render<UsersPage>();

        cut.WaitForElement($"#reset-{dana.Id}").Click();
        dialogs.WaitForElement("#reset-confirm").Click();

        var generated = dialogs.WaitForElement("#generated-password").GetAttribute("value")!;
        Assert.Null(PasswordPolicy.Problem(generated, "dana"));
        var after = (await Users.GetAsync(dana.Id, Ct))!;
        Assert.True(after.MustChangePassword);
        Assert.NotEqual(dana.PasswordHash, after.PasswordHash);
    }

    [Fact]
    public async Task UserTextRendersAsText()
    {
        await CreateUserAsync("mallory", "<b>x</b>", Roles.Analyst);
        SignIn(Root);

        var cut = Render<UsersPage>();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".user-display-name"), e => e.TextContent == "<b>x</b>"));
        Assert.Empty(cut.FindAll("#user-table b"));
    }
}
