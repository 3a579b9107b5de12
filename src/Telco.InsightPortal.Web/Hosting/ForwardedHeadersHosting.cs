using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Telco.InsightPortal.Web.Hosting;

/// <summary>
/// Behind a TLS-terminating reverse proxy every connection comes from the proxy over plain HTTP. The client's address
/// (which the sign-in rate limiter partitions by and the audit trail records) and the scheme (which makes the session
/// cookie Secure and turns HSTS on) then arrive in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. Anyone can
/// send those headers, so they are believed only from the proxies named in <c>Portal:ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>KnownNetworks</c> (CIDR); with neither set they are ignored, loopback included.
/// </summary>
public static class ForwardedHeadersHosting
{
    public const string Section = "Portal:ForwardedHeaders";

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme. A setting
    /// that does not parse stops start-up with a message naming it.</summary>
    public static WebApplication UsePortalForwardedHeaders(this WebApplication app)
    {
        var options = Read(app.Configuration.GetSection(Section));
        if (options is null) return app;
        app.Logger.LogInformation("Trusting X-Forwarded-For and X-Forwarded-Proto from {Proxies}.",
            string.Join(", ", options.KnownProxies.Select(p => p.ToString()).Concat(options.KnownIPNetworks.Select(n => n.ToString()))));
        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>The middleware's options for the configured proxies, or null when none are configured.</summary>
    public static ForwardedHeadersOptions? Read(IConfigurationSection section)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through as many trusted hops as there are; the first address not trusted is the client.
            ForwardLimit = null,
        };
        // Not the framework's default of loopback: only what is configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var errors = new List<string>();
        foreach (var value in Values(section, "KnownProxies"))
        {
            if (IPAddress.TryParse(value, out var address)) options.KnownProxies.Add(address);
            else errors.Add($"{Section}:KnownProxies: '{value}' is not an IP address (e.g. 10.0.0.5 or fd00::5).");
        }
        foreach (var value in Values(section, "KnownNetworks"))
        {
            if (System.Net.IPNetwork.TryParse(value, out var network)) options.KnownIPNetworks.Add(network);
            else errors.Add($"{Section}:KnownNetworks: '{value}' is not a network in CIDR notation (e.g. 10.0.0.0/8 or fd00::/64).");
        }
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(" ", errors));
        return options.KnownProxies.Count + options.KnownIPNetworks.Count > 0 ? options : null;
    }

    /// <summary>A list (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>, …) or one value separated by commas, semicolons
    /// or spaces (<c>Portal__ForwardedHeaders__KnownProxies="10.0.0.5;10.0.0.6"</c>).</summary>
    private static IEnumerable<string> Values(IConfigurationSection section, string key)
    {
        var setting = section.GetSection(key);
        var raw = setting.Value is { } single ? [single] : setting.GetChildren().Select(c => c.Value ?? "");
        return raw.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
