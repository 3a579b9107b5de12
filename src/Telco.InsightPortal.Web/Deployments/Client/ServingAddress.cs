using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Telco.InsightPortal.Web.Deployments.Client;

/// <summary>
/// Where the portal sends scoring calls: <c>Serving:BaseUrl</c> when set (a separate serving cluster), otherwise the
/// address this portal is bound to, read from the server once it listens (so <c>--urls http://0.0.0.0:0</c> works too).
/// </summary>
public sealed class ServingAddress(IConfiguration configuration, IServer server)
{
    public const string Setting = "Serving:BaseUrl";

    public Uri Resolve()
    {
        if (configuration[Setting] is { Length: > 0 } configured)
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"{Setting} must be an absolute http(s) URL; it is '{configured}'.");
            return WithSlash(uri);
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // Loopback http first: the call never leaves the machine and needs no certificate for localhost.
        var bound = addresses.OrderBy(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
                    ?? throw new InvalidOperationException($"The portal is not listening on any address yet; set {Setting} to reach serving.");
        var builder = new UriBuilder(bound.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (builder.Host is "0.0.0.0" or "[::]" or "::") builder.Host = "localhost";
        return WithSlash(builder.Uri);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
