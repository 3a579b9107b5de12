using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Identity.Web;
using Telco.InsightPortal.Data.Security;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Security;

public static class SecurityHosting
{
    public const string PortalScheme = "Portal";
    public const string SignInRateLimit = "sign-in";

    public static readonly IReadOnlyList<string> AreaPolicies = RoleMatrix.Areas
        .SelectMany(a => new[] { a.ToLowerInvariant() + ":read", a.ToLowerInvariant() + ":write" })
        .Where(p => p is not ("lineage:write" or "audit:write")).ToList();

    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.IdleTimeoutMinutes > 0 && o.AbsoluteTimeoutHours > 0 && o.LockoutThreshold > 0, "Auth timeouts and lockout threshold must be positive.")
            .ValidateOnStart();
        var mode = builder.Configuration.GetValue(AuthOptions.Section + ":Mode", AuthMode.Local);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        services.AddSingleton<UserStore>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<LocalAccounts>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<BootstrapAdmin>();
        services.AddSingleton<SessionCheck>();
        services.AddSingleton<AuthCache>();
        services.AddScoped<CircuitAuthorization>();
        services.AddScoped<CookieSessionEvents>();
        services.AddSingleton(sp => new KeyEncryptionKey(SecretFile.LoadOrCreate(builder.Configuration["Portal:Security:KeyEncryptionKey"],
            "Portal:Security:KeyEncryptionKey", Path.Combine(sp.GetRequiredService<PortalPaths>().DataDir, "keys", "kek.key"), 32,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Security"))));
        services.AddDataProtection().SetApplicationName("Telco.InsightPortal");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<IConnectionFactory>());
            o.XmlEncryptor = new AesGcmXmlEncryptor(sp.GetRequiredService<KeyEncryptionKey>());
        });

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = PortalScheme;
            o.DefaultChallengeScheme = PortalScheme;
        });
        authentication.AddPolicyScheme(PortalScheme, "Portal", o => o.ForwardDefaultSelector = http => SelectScheme(http, mode));
        if (mode == AuthMode.Local)
        {
            authentication.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(auth.IdleTimeoutMinutes);
                o.SlidingExpiration = true;
                o.Cookie.Name = "telco.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.EventsType = typeof(CookieSessionEvents);
            });
            authentication.AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        }
        else
        {
            var entra = builder.Configuration.GetSection("Auth:EntraId");
            authentication.AddMicrosoftIdentityWebApp(entra, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
            authentication.AddMicrosoftIdentityWebApi(entra, JwtBearerDefaults.AuthenticationScheme);
            services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
                o => o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme);
            services.AddTransient<Microsoft.AspNetCore.Authentication.IClaimsTransformation, EntraRoleClaims>();
            // Tokens for this API carry the app's client id or its App ID URI as audience; accept exactly those.
            var clientId = entra["ClientId"];
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
                o.TokenValidationParameters.ValidAudiences ??= new[] { clientId, $"api://{clientId}", entra["Audience"] }.OfType<string>().Where(a => a.Length > 0).ToList());
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
        services.AddAuthorization(o =>
        {
            foreach (var policy in AreaPolicies)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(RoleMatrix.RolesFor(policy))
                    .RequireAssertion(c => !c.User.MustChangePassword()));
            }
        });
        // We send X-Frame-Options: DENY ourselves; antiforgery would add a second, weaker SAMEORIGIN.
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>Bearer requests use tokens (a personal access token locally, a JWT with Entra ID); the
    /// browser uses the session cookie.</summary>
    private static string SelectScheme(HttpContext http, AuthMode mode)
    {
        var bearer = IsBearer(http.Request);
        if (mode == AuthMode.Local) return bearer ? TokenAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme;
        return bearer || http.Request.Path.StartsWithSegments("/api") ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
    }

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CookieForgeryGuard>();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        return app;
    }
}
