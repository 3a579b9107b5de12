using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Admin;

public sealed record NewUser(string Username, string DisplayName, IReadOnlyCollection<string> Roles, string Password);

/// <summary>The result of a password reset: the generated password, shown once, or the reason nothing changed.</summary>
public sealed record PasswordReset(string? GeneratedPassword, string? Problem);

/// <summary>
/// Every change the admin pages make to accounts. Each call re-checks the write policy: a button hidden by
/// <c>AuthorizeView</c> is no guarantee, since a circuit can still invoke any handler the page rendered.
/// Methods return null when done, else the reason, phrased for the admin.
/// </summary>
public sealed partial class UserAdministration(UserStore users, IAuthorizationService authorization,
    AuthenticationStateProvider authentication, IAuditActorAccessor actors)
{
    public const int MaxUsernameLength = 64;
    public const int MaxDisplayNameLength = 128;
    public const string ReadOnly = "You have read-only access to user administration.";

    // ASCII only: look-alike letters from other scripts would let two usernames read the same.
    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex UsernameCharacters();

    public static string? UsernameProblem(string username) => username.Length switch
    {
        0 => "Enter a username.",
        > MaxUsernameLength => $"Use at most {MaxUsernameLength} characters for the username.",
        _ when !UsernameCharacters().IsMatch(username) => "Use only letters, digits, '.', '_' or '-' in the username.",
        _ => null,
    };

    /// <summary>The signed-in admin is this user (by id for local accounts, else by name).</summary>
    public static bool IsSelf(ClaimsPrincipal me, UserRecord user) => me.UserId() is { } id
        ? id == user.Id
        : string.Equals(me.Identity?.Name, user.Username, StringComparison.OrdinalIgnoreCase);

    public async Task<bool> CanWriteAsync() => (await AuthorizeAsync()).Allowed;

    public async Task<string?> CreateAsync(NewUser input, CancellationToken ct = default)
    {
        var (allowed, _, actor) = await AuthorizeAsync();
        if (!allowed) return ReadOnly;
        var username = input.Username.Trim();
        var displayName = input.DisplayName.Trim() is { Length: > 0 } d ? d : username;
        if (UsernameProblem(username) is { } badName) return badName;
        if (displayName.Length > MaxDisplayNameLength) return $"Use at most {MaxDisplayNameLength} characters for the display name.";
        if (PasswordPolicy.Problem(input.Password, username) is { } badPassword) return badPassword;
        if (await users.FindAsync(username, ct) is not null) return Duplicate(username);
        try
        {
            await users.CreateAsync(username, displayName, LocalAccounts.Hash(username, input.Password), mustChangePassword: true,
                Canonical(input.Roles), actor, ct);
        }
        catch (DbException)
        {
            // Another admin may have created the same name between the check and the insert.
            if (await users.FindAsync(username, ct) is null) throw;
            return Duplicate(username);
        }
        return null;
    }

    public async Task<string?> SetRolesAsync(UserRecord user, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var (allowed, me, actor) = await AuthorizeAsync();
        if (!allowed) return ReadOnly;
        var canonical = Canonical(roles);
        if (IsSelf(me, user) && !canonical.Contains(Roles.Admin))
            return "You cannot remove your own Admin role: you would lose access to this page. Ask another admin to do it.";
        await users.SetRolesAsync(user.Id, canonical, actor, ct);
        return null;
    }

    public async Task<string?> SetDisabledAsync(UserRecord user, bool disabled, CancellationToken ct = default)
    {
        var (allowed, me, actor) = await AuthorizeAsync();
        if (!allowed) return ReadOnly;
        if (disabled && IsSelf(me, user)) return "You cannot disable your own account: you would be signed out and locked out.";
        await users.SetDisabledAsync(user.Id, disabled, actor, ct);
        return null;
    }

    public async Task<string?> UnlockAsync(UserRecord user, CancellationToken ct = default)
    {
        var (allowed, _, actor) = await AuthorizeAsync();
        if (!allowed) return ReadOnly;
        await users.UnlockAsync(user.Id, actor, ct);
        return null;
    }

    /// <summary>Sets <paramref name="chosen"/>, or a generated password when it is null; either way the user must
    /// change it at next sign-in, and their open sessions end.</summary>
    public async Task<PasswordReset> ResetPasswordAsync(UserRecord user, string? chosen, CancellationToken ct = default)
    {
        var (allowed, me, actor) = await AuthorizeAsync();
        if (!allowed) return new PasswordReset(null, ReadOnly);
        if (IsSelf(me, user)) return new PasswordReset(null, "Change your own password from your account menu (Change password).");
        var password = chosen ?? Generate(user.Username);
        if (PasswordPolicy.Problem(password, user.Username) is { } problem) return new PasswordReset(null, problem);
        await users.SetPasswordAsync(user.Id, LocalAccounts.Hash(user.Username, password), mustChange: true, endSessions: true, actor, ct);
        return new PasswordReset(chosen is null ? password : null, null);
    }

    public static string Generate(string username)
    {
        while (true)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
            if (PasswordPolicy.Problem(password, username) is null) return password;
        }
    }

    private static string Duplicate(string username) => $"A user named '{username}' already exists.";

    private static string[] Canonical(IEnumerable<string> roles) =>
        roles.Select(Roles.Canonical).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();

    private async Task<(bool Allowed, ClaimsPrincipal Me, AuditActor Actor)> AuthorizeAsync()
    {
        var me = (await authentication.GetAuthenticationStateAsync()).User;
        var allowed = (await authorization.AuthorizeAsync(me, Policies.AdminWrite)).Succeeded;
        return (allowed, me, await actors.GetCurrentAsync());
    }
}
