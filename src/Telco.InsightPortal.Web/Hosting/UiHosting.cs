using Telco.InsightPortal.Web.Security;
using MudBlazor.Services;
using Telco.InsightPortal.Web.Components;

namespace Telco.InsightPortal.Web.Hosting;

public static class UiHosting
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        // Outside Development too, a build (not a publish) serves package assets (MudBlazor, Plotly) from the
        // NuGet cache through the static web assets manifest; a published app has no manifest and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // Bounded server memory per user: few retained disconnected circuits, little unacknowledged output.
            o.DisconnectedCircuitMaxRetained = 100;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            o.DetailedErrors = builder.Environment.IsDevelopment();
        }).AddHubOptions(o => o.MaximumReceiveMessageSize = 64 * 1024);
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UsePortalForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // Pages get the friendly not-found page; API clients keep the status code and JSON body they were sent.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        // Routing after the status-code pages, so that a re-executed request (/status/403) is routed again.
        app.UseRouting();
        app.UsePortalSecurity();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // Every page and the circuit hub need a signed-in user unless a page says [AllowAnonymous] (sign-in, errors);
        // pages narrow this further with their area policy.
        app.MapRazorComponents<App>()
            // Our own CSP already says frame-ancestors 'none'; Blazor's default 'self' would be a second policy.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .RequireAuthorization(Policies.SignedIn);
        return app;
    }
}
