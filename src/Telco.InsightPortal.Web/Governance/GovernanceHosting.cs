using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Governance;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Governance;

public static class GovernanceHosting
{
    /// <summary>The policies from the <c>Governance</c> section (checked here: a bad value stops the portal naming the
    /// setting), the store and service behind the page and the API, and the gate the registry asks before a version
    /// moves to Production.</summary>
    public static WebApplicationBuilder AddGovernance(this WebApplicationBuilder builder)
    {
        var options = (builder.Configuration.GetSection(GovernanceOptions.Section).Get<GovernanceOptions>() ?? new GovernanceOptions()).Validated();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PolicyEvaluator>();
        builder.Services.AddSingleton<IPromotionGate, PolicyGate>();
        builder.Services.AddSingleton<GovernanceStore>();
        builder.Services.AddSingleton<GovernanceService>();
        return builder;
    }
}
