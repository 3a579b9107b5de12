namespace Telco.InsightPortal.Web.Security;

public static class SecurityHosting
{
    private static readonly string[] AllPolicies =
    [
        Policies.AppsRead, Policies.AppsWrite, Policies.DashboardsRead, Policies.DashboardsWrite, Policies.DataRead,
        Policies.DataWrite, Policies.ExperimentsRead, Policies.ExperimentsWrite, Policies.ModelsRead, Policies.ModelsWrite,
        Policies.DeploymentsRead, Policies.DeploymentsWrite, Policies.JobsRead, Policies.JobsWrite, Policies.MonitoringRead,
        Policies.MonitoringWrite, Policies.LineageRead, Policies.AuditRead, Policies.AdminRead, Policies.AdminWrite, Policies.SignedIn,
    ];

    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization(options =>
        {
            // Open until sign-in lands: every page and endpoint already names its policy, so closing
            // them is a change here only.
            foreach (var policy in AllPolicies) options.AddPolicy(policy, p => p.RequireAssertion(_ => true));
        });
        return builder;
    }
}
