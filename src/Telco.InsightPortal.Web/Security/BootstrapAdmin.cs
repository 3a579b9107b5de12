using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

/// <summary>
/// No account exists until the first admin is created here: with <c>Portal:Bootstrap:AdminPassword</c>
/// when set (it must pass the password policy), else with a random one-time password that is logged
/// once and must be changed at first sign-in. There is no self-service sign-up and no default password.
/// </summary>
public sealed class BootstrapAdmin(UserStore users, IConfiguration configuration, IOptions<AuthOptions> options,
    IHostEnvironment environment, ILogger<BootstrapAdmin> log)
{
    public const string AdminUsername = "admin";

    public async Task RunAsync(CancellationToken ct)
    {
        if (options.Value.Mode != AuthMode.Local) return;
        if (await users.CountAsync(ct) == 0) await CreateAdminAsync(ct);
        if (environment.IsDevelopment()) await SeedDemoUsersAsync(ct);
    }

    private async Task CreateAdminAsync(CancellationToken ct)
    {
        var configured = configuration["Portal:Bootstrap:AdminPassword"];
        var actor = AuditActor.System with { Name = "system:bootstrap" };
        if (!string.IsNullOrEmpty(configured))
        {
            if (PasswordPolicy.Problem(configured, AdminUsername) is { } problem)
                throw new InvalidOperationException($"Portal:Bootstrap:AdminPassword is not acceptable: {problem}");
            await users.CreateAsync(AdminUsername, "Administrator", LocalAccounts.Hash(AdminUsername, configured), false, [Roles.Admin], actor, ct);
            log.LogInformation("Created the first admin account '{User}' with the configured bootstrap password.", AdminUsername);
            return;
        }
        var oneTime = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        await users.CreateAsync(AdminUsername, "Administrator", LocalAccounts.Hash(AdminUsername, oneTime), true, [Roles.Admin], actor, ct);
        log.LogWarning("Created the first admin account '{User}' with the one-time password {Password} — it is shown only now and must be changed at first sign-in.",
            AdminUsername, oneTime);
    }

    private async Task SeedDemoUsersAsync(CancellationToken ct)
    {
        foreach (var demo in options.Value.DemoUsers)
        {
            var role = Roles.Canonical(demo.Role) ?? throw new InvalidOperationException($"Auth:DemoUsers: '{demo.Role}' is not a portal role.");
            if (await users.FindAsync(demo.Username, ct) is not null) continue;
            if (PasswordPolicy.Problem(demo.Password, demo.Username) is { } problem)
                throw new InvalidOperationException($"Auth:DemoUsers: the password of '{demo.Username}' is not acceptable: {problem}");
            await users.CreateAsync(demo.Username, demo.Username, LocalAccounts.Hash(demo.Username, demo.Password), false, [role],
                AuditActor.System with { Name = "system:demo-users" }, ct);
            log.LogInformation("Development: seeded demo user {User} ({Role}).", demo.Username, role);
        }
    }
}
