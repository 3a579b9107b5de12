using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Telco.InsightPortal.Web.Hosting;

public static class StartupBanner
{
    /// <summary>Prints where to open the portal once Kestrel has bound its addresses.</summary>
    public static WebApplication PrintUrlsWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses) Console.WriteLine($"Telco Insight Portal is ready: open {address} in a browser.");
        });
        return app;
    }
}
