namespace Telco.InsightPortal.Web.Security;

public enum AuthMode { Local, EntraId }

/// <summary>The <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Local;

    /// <summary>A signed-in session ends after this long without a request.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 8;

    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int TokenDefaultDays { get; set; } = 30;

    public int TokenMaxDays { get; set; } = 365;

    /// <summary>How long a successful session or token check is remembered: the longest a sign-out, revocation or role
    /// change made on another portal instance takes to bite here (on this instance it bites at once). 0 turns it off.</summary>
    public int CheckCacheSeconds { get; set; } = 10;

    /// <summary>A token's last use is written at most this often, not on every request.</summary>
    public int TokenTouchMinutes { get; set; } = 5;

    /// <summary>Sign-in and token requests allowed per client address per minute.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Development only: accounts to seed, one per role, for trying the portal.</summary>
    public List<DemoUser> DemoUsers { get; set; } = [];

    /// <summary>EntraId mode: app role value → portal role, where they differ.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class DemoUser
    {
        public string Username { get; set; } = "";
        public string Password { get; set; } = "";
        public string Role { get; set; } = "";
    }
}
