using Bunit;
using Telco.InsightPortal.Web.Registry.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Registry;

public sealed class ModelsPageTests : RegistryTestContext
{
    [Fact]
    public void NoModelsShowsHowToRegisterOne()
    {
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No registered models yet", cut.Markup));
        Assert.Contains("Register model", cut.Markup);
    }

    [Fact]
    public async Task ModelsListTheirLatestVersionAliasesAndStages()
    {
        await RegisterAsync("churn");
        await RegisterAsync("churn");
        await RegisterAsync("<b>towers</b>");
        await Registry.SetAliasAsync("churn", "challenger", 2, null, Dora, Ct);
        await Registry.TransitionStageAsync("churn", 1, "Staging", false, null, Dora, Ct);
        SignIn("arthur", Policies.ModelsRead);

        var cut = Render<ModelsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#model-table tbody tr").Count));
        var rows = cut.FindAll("#model-table tbody tr");
        Assert.Contains("<b>towers</b>", rows[0].TextContent);
        Assert.Empty(cut.FindAll("#model-table b"));
        var churn = rows[1].TextContent;
        Assert.Contains("v2", churn);
        Assert.Contains("@challenger → v2", churn);
        Assert.Contains("Staging v1", churn);
        Assert.Equal("/models/churn", cut.FindAll("#model-table a")[1].GetAttribute("href"));
    }
}
