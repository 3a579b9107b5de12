using Telco.InsightPortal.Web.Security;
using MudBlazor.Services;
using Telco.InsightPortal.Http;
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
        // In every environment: API errors in their family's shape (ApiExceptionHandler), pages to the error page.
        // The developer exception page is never used: it echoes the request's headers, credentials included.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Pages get the friendly status pages; an API answer without a body gets a message in its family's shape.
        app.UseWhen(http => ApiFamilies.Of(http.Request.Path) == ApiFamily.None,
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(http => ApiFamilies.Of(http.Request.Path) != ApiFamily.None, api => api.UseStatusCodePages(ApiStatusMessages.WriteAsync));
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
            .AddAdditionalAssemblies([.. app.Services.GetRequiredService<Telco.InsightPortal.Apps.AppCatalog>().Assemblies])
            .RequireAuthorization(Policies.SignedIn);
        return app;
    }
}
