using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Deployments.Client;
using Telco.InsightPortal.Web.Deployments;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The deployment pages rendered by bUnit over the real portal's services: its store, registry, serving and
/// scoring client. Only the signed-in user is bUnit's.</summary>
public abstract class DeploymentsTestContext : PortalTestContext
{
    protected DeploymentsTestContext(DeployedPortal portal)
    {
        Portal = portal;
        Services.AddSingleton(portal.Get<DeploymentStore>());
        Services.AddSingleton(portal.Get<DeploymentService>());
        Services.AddSingleton(portal.Get<DeploymentSummaries>());
        Services.AddSingleton(portal.Get<RegistryStore>());
        Services.AddSingleton(portal.Get<PortalKeys>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddTransient(_ => portal.Get<ServingClient>());
        AddCircuitActor();
    }

    protected DeployedPortal Portal { get; }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected void SignInScientist() => SignIn("dora", Policies.DeploymentsRead, Policies.DeploymentsWrite, Policies.ModelsRead);

    protected void SignIn(string username, params string[] policies)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(username);
        auth.SetPolicies([.. policies, Policies.SignedIn]);
    }

    /// <summary>A deployment of churn v1 made through the service, as the API would; returns its first key.</summary>
    protected async Task<string> DeployAsync(string name) =>
        (await Portal.Get<DeploymentService>().CreateAsync(name, "churn", "1", null, 1, DeployedPortal.Dora, Ct)).AccessKey;
}
