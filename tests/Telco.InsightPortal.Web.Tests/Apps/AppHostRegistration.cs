using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Apps;

internal static class AppHostRegistration
{
    /// <summary>The portal's app host over the real portal's stores, per bUnit circuit as the portal registers it, acting
    /// for the user bUnit signs in (or for <paramref name="user"/>'s provider when one is given).</summary>
    public static PortalAppHost Host(DeployedPortal portal, IServiceProvider circuit, AuthenticationStateProvider? user = null) =>
        new(portal.Get<AppBindingStore>(), portal.Get<DeploymentStore>(), portal.Get<RegistryStore>(), portal.Get<RunArtifacts>(),
            portal.Get<AppScoring>(), portal.Get<AppRows>(), portal.Get<AppSavedItemStore>(),
            user ?? circuit.GetRequiredService<AuthenticationStateProvider>(), circuit.GetRequiredService<IAuthorizationService>(),
            circuit.GetRequiredService<IAuditActorAccessor>());

    public static void AddAppHost(this BunitServiceProvider services, DeployedPortal portal) =>
        services.AddScoped<IAppHost>(sp => Host(portal, sp));
}
