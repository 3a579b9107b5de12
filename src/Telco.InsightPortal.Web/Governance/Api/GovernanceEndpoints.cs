using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Governance.Api;

/// <summary><c>GET /api/v1/governance</c> (<c>models:read</c>): what the governance page shows, for scripts — every
/// model and version with approvals, card completeness, decision, test AUC, slices, drift and the policy checks.</summary>
public static class GovernanceEndpoints
{
    public static RouteGroupBuilder MapGovernanceApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/governance", (GovernanceService governance, CancellationToken ct) => governance.ReportAsync(ct))
            .RequireAuthorization(Policies.ModelsRead).WithTags("Governance").Produces<GovernanceReport>();
        return v1;
    }
}
