using System.Diagnostics;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Security;

public static class HttpAuditActor
{
    /// <summary>The actor of an HTTP request: the signed-in user, or the name being tried at sign-in.</summary>
    public static AuditActor From(HttpContext http, string? claimedName = null)
    {
        var name = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name! : claimedName is { Length: > 0 } ? Trim(claimedName) : "anonymous";
        var agent = http.Request.Headers.UserAgent.ToString();
        return new AuditActor(name, http.Connection.RemoteIpAddress?.ToString(), agent.Length > 256 ? agent[..256] : agent,
            Activity.Current?.Id ?? http.TraceIdentifier);
    }

    private static string Trim(string name) => name.Length > 64 ? name[..64] : name;
}
