using Bunit;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Tests.Deployments;

/// <summary>The list in a portal with no deployment at all (its own portal: the shared one has some).</summary>
public sealed class EmptyDeploymentsTests(EmptyPortal portal) : DeploymentsTestContext(portal), IClassFixture<EmptyPortal>
{
    [Fact]
    public void TheListSaysHowToStartWhenThereAreNoDeployments()
    {
        SignInScientist();

        var cut = Render<DeploymentsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No deployments yet", cut.Markup));
        Assert.Empty(cut.FindAll("#deployment-table"));
        Assert.NotEmpty(cut.FindAll("#deploy-button"));
    }
}
