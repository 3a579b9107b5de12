using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Admin;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Admin;

/// <summary>The admin pages over a real SQLite store, with the real stores, audit trail and actor accessor;
/// only the signed-in user is bUnit's.</summary>
public abstract class AdminTestContext : PortalTestContext
{
    protected const string Password = "Quiet-Lantern-Harbor-58";

    protected TestStore Store { get; private set; } = default!;
    protected UserStore Users { get; private set; } = default!;
    protected TokenStore Tokens { get; private set; } = default!;
    protected AuditLog Log { get; private set; } = default!;
    protected AccessTokens Issuer { get; private set; } = default!;
    protected UserRecord Root { get; private set; } = default!;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        Store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var trail = new AuditTrail(Store.Factory, TimeProvider.System);
        Users = new UserStore(Store.Factory, trail, TimeProvider.System);
        Tokens = new TokenStore(Store.Factory, trail, TimeProvider.System);
        Log = new AuditLog(Store.Factory);
        var options = Options.Create(new AuthOptions());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Users);
        Services.AddSingleton(Tokens);
        Services.AddSingleton(Log);
        Services.AddSingleton<IAuditTrail>(trail);
        Services.AddSingleton(options);
        Issuer = new AccessTokens(Tokens, Users, new AuthCache(Users, Tokens, options), options, TimeProvider.System);
        Services.AddSingleton(Issuer);
        AddCircuitActor();
        Services.AddScoped<UserAdministration>();
        Root = await CreateUserAsync("root", "Root Admin", Roles.Admin);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Store.DisposeAsync();
    }

    protected async Task<UserRecord> CreateUserAsync(string username, string displayName, params string[] roles)
    {
        await Users.CreateAsync(username, displayName, LocalAccounts.Hash(username, Password), false, roles, AuditActor.System);
        return (await Users.FindAsync(username))!;
    }

    /// <summary>Signs <paramref name="user"/> in with the policies the role matrix gives their roles.</summary>
    protected void SignIn(UserRecord user)
    {
        var policies = new[] { Policies.AdminRead, Policies.AdminWrite }
            .Where(p => user.Roles.Any(r => RoleMatrix.RolesFor(p).Contains(r)))
            .Append(Policies.SignedIn)
            .ToArray();
        var auth = AddAuthorization();
        auth.SetAuthorized(user.Username);
        auth.SetRoles([.. user.Roles]);
        auth.SetPolicies(policies);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Dialogs render into the provider, as they do in the layout.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        RenderProviders();
        return Render<MudDialogProvider>();
    }
}
