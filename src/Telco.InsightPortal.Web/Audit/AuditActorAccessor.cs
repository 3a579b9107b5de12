using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>Who is acting now, from where: for audit entries written by endpoints and by pages.</summary>
public interface IAuditActorAccessor
{
    Task<AuditActor> GetCurrentAsync();
}

/// <summary>The browser's address, user agent and request id, captured from the HTTP request that started
/// a Blazor circuit: inside the circuit there is no HttpContext to read them from.</summary>
public sealed record AuditClientInfo(string? SourceIp, string? UserAgent, string? CorrelationId)
{
    public static AuditClientInfo From(HttpContext http) => new(
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
        Activity.Current?.Id ?? http.TraceIdentifier);
}

/// <summary>Holds the circuit's <see cref="AuditClientInfo"/> (scoped: one per circuit).</summary>
public sealed class AuditCircuitClient
{
    public AuditClientInfo? Info { get; set; }
}

public sealed class AuditActorAccessor(IHttpContextAccessor http, AuditCircuitClient circuit, AuthenticationStateProvider auth) : IAuditActorAccessor
{
    public async Task<AuditActor> GetCurrentAsync()
    {
        if (circuit.Info is { } info)
        {
            var user = (await auth.GetAuthenticationStateAsync()).User;
            return new AuditActor(NameOf(user), info.SourceIp, info.UserAgent, Activity.Current?.Id ?? info.CorrelationId);
        }
        return http.HttpContext is { } context ? FromHttp(context) : AuditActor.System;
    }

    public static AuditActor FromHttp(HttpContext context)
    {
        var client = AuditClientInfo.From(context);
        return new AuditActor(NameOf(context.User), client.SourceIp, client.UserAgent, client.CorrelationId);
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";
}
