using Bunit;
using Telco.InsightPortal.Web.Deployments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Deployments;

[Collection(nameof(DeployedPortalCollection))]
public sealed class DeployDialogTests(DeployedPortal portal) : DeploymentsTestContext(portal)
{
    [Fact]
    public async Task DeployingAVersionShowsItsKeyOnceAndTheDeploymentServesIt()
    {
        SignInScientist();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var button = Render<DeployButton>(p => p.Add(x => x.Model, "churn").Add(x => x.Version, "1"));

        button.WaitForElement(".deploy-version-button").Click();
        dialogs.WaitForElement("#deploy-name").Input("churn-dialog");
        dialogs.Find("#deploy-submit").Click();
        dialogs.WaitForElement("#access-key", TimeSpan.FromSeconds(30));
        var key = dialogs.Find("#access-key").GetAttribute("value")!;

        var keys = await Portal.Get<Serving.Deployments.DeploymentService>().KeysAsync("churn-dialog", Ct);
        Assert.StartsWith("tsk_", key);
        Assert.Equal(key[..12], keys.Single(k => k.Name == "default").Prefix);
        Assert.Equal(["default", Web.Deployments.Client.PortalKeys.KeyName], keys.Select(k => k.Name));
        Assert.Equal("1", (await Portal.Get<Data.Deployments.DeploymentStore>().GetStateAsync("churn-dialog", Ct))!.Targets.Single().Version);
    }

    [Fact]
    public async Task AModelWithoutAliasesIsOfferedByVersionNotByAnAliasThatDoesNotExist()
    {
        SignInScientist();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var list = Render<DeploymentsPage>();

        list.WaitForElement("#deploy-button").Click();
        dialogs.WaitForElement("#deploy-version");

        Assert.Empty((await Portal.Get<Data.Registry.RegistryStore>().ListVersionsAsync("churn", Ct)).SelectMany(v => v.Aliases));
        Assert.Empty(dialogs.FindAll("#deploy-alias"));
        Assert.DoesNotContain("@champion", dialogs.Markup);
    }

    [Fact]
    public void AReaderGetsNoDeployButtonOnAVersionRow()
    {
        SignIn("rita", Policies.DeploymentsRead, Policies.ModelsRead);

        var button = Render<DeployButton>(p => p.Add(x => x.Model, "churn").Add(x => x.Version, "1"));

        Assert.Empty(button.FindAll(".deploy-version-button"));
        Assert.Equal("", button.Markup.Trim());
    }
}
