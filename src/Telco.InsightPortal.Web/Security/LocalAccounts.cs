using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Security;

namespace Telco.InsightPortal.Web.Security;

public sealed record SignInResult(ClaimsPrincipal? Principal, string? Error, string? Code = null)
{
    public bool Succeeded => Principal is not null;
}

/// <summary>Local accounts: PBKDF2 password hashes (ASP.NET Core's PasswordHasher), lockout after repeated
/// failures, and the principal a successful sign-in gets.</summary>
public sealed class LocalAccounts(UserStore users, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string InvalidCredentials = "Invalid username or password.";
    public const string Locked = "Too many failed attempts: this account is locked for a while. Try again later or ask an administrator.";
    public const string Disabled = "This account is disabled.";

    /// <summary>The sign-in page shows messages by code, so a crafted link cannot put its own words there.</summary>
    public static string MessageFor(string? code) => code switch
    {
        "locked" => Locked,
        "disabled" => Disabled,
        _ => InvalidCredentials,
    };
    private static readonly PasswordHasher<string> Hasher = new();
    // Verified against when the username is unknown, so both paths cost the same.
    private static readonly string DummyHash = Hasher.HashPassword("", "not-a-real-password-" + Guid.NewGuid());

    public static string Hash(string username, string password) => Hasher.HashPassword(username, password);

    /// <summary>Checks a username and password. <paramref name="startSession"/> is false for API
    /// Basic credentials, which authenticate one request and open no session.</summary>
    public async Task<SignInResult> SignInAsync(string username, string password, AuditActor actor, bool startSession, CancellationToken ct = default)
    {
        var auth = options.Value;
        var user = await users.FindAsync(username.Trim(), ct);
        if (user is null || user.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword("", DummyHash, password);
            await users.RecordUnknownSignInAsync(username, actor with { Name = "anonymous" }, ct);
            return new SignInResult(null, InvalidCredentials, "invalid");
        }
        if (user.IsLockedAt(clock.GetUtcNow()))
        {
            await users.RecordSignInFailureAsync(user, auth.LockoutThreshold, TimeSpan.FromMinutes(auth.LockoutMinutes), "locked", actor, ct);
            return new SignInResult(null, Locked, "locked");
        }
        if (Hasher.VerifyHashedPassword(user.Username, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var locked = await users.RecordSignInFailureAsync(user, auth.LockoutThreshold, TimeSpan.FromMinutes(auth.LockoutMinutes), "bad password", actor, ct);
            return new SignInResult(null, locked ? Locked : InvalidCredentials, locked ? "locked" : "invalid");
        }
        if (user.Disabled)
        {
            await users.RecordSignInFailureAsync(user, int.MaxValue, TimeSpan.Zero, "disabled", actor, ct);
            return new SignInResult(null, Disabled, "disabled");
        }
        var session = startSession ? await users.StartSessionAsync(user, actor, ct) : null;
        return new SignInResult(Principal(user, session, clock.GetUtcNow(), startSession ? "pwd" : "basic"), null);
    }

    public static ClaimsPrincipal Principal(UserRecord user, string? sessionId, DateTimeOffset signedInAt, string method, string scheme = "Portal")
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(PortalClaims.SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(PortalClaims.AuthMethod, method),
        };
        if (sessionId is not null) claims.Add(new Claim(PortalClaims.SessionId, sessionId));
        if (user.MustChangePassword) claims.Add(new Claim(PortalClaims.MustChangePasswordType, "true"));
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
