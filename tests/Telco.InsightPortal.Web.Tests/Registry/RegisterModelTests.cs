using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Registry;

public sealed class RegisterModelTests : RegistryTestContext
{
    [Fact]
    public async Task RegisterModelOnARunPageCreatesTheModelAndVersionAndOpensIt()
    {
        var runId = await TrainedRunAsync();
        SignIn("dora", Policies.ExperimentsRead, Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForElement("#register-model").Click();
        dialogs.WaitForElement("#register-name").Change("churn");
        dialogs.Find("#register-description").Change("Retention campaigns");
        dialogs.Find("#register-submit").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Equal("http://localhost/models/churn", navigation.Uri));
        var version = await Registry.GetVersionAsync("churn", 1, Ct);
        Assert.Equal((runId, "Retention campaigns", "dora"), (version.RunId, version.Description, version.CreatedBy));
    }

    [Fact]
    public async Task TheNameSuggestsExistingModelsEscapeInItKeepsTheDialogAndEscapeInTheNextFieldClosesIt()
    {
        await RegisterAsync("churn");
        var runId = await TrainedRunAsync();
        SignIn("dora", Policies.ExperimentsRead, Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForElement("#register-model").Click();
        dialogs.WaitForElement("#register-name").Change("chu");
        dialogs.WaitForAssertion(() => Assert.Equal(["churn"], dialogs.FindAll("#register-models option").Select(o => o.GetAttribute("value"))));
        Assert.Equal("register-models", dialogs.Find("#register-name").GetAttribute("list"));

        dialogs.Find("#register-name").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        dialogs.Find("#register-name").KeyUp(new KeyboardEventArgs { Key = "Escape" });
        dialogs.Find("#register-name").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        var afterTwo = (dialogs.FindAll("#register-name").Count, dialogs.Find("#register-name").GetAttribute("value"));
        dialogs.Find("#register-description").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        // MudBlazor's own Escape would close the dialog on the Escape that the suggestion list needs.
        Assert.False(Web.Registry.Pages.RegisterModelDialog.Options.CloseOnEscapeKey);
        Assert.Equal((1, "chu"), afterTwo);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#register-name")));
        Assert.DoesNotContain(await Registry.ListVersionsAsync("churn", Ct), v => v.RunId == runId);
    }

    [Fact]
    public async Task RegisteringWithoutANameSaysWhatIsMissingAndRegistersNothing()
    {
        var runId = await TrainedRunAsync();
        SignIn("dora", Policies.ExperimentsRead, Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));
        cut.WaitForElement("#register-model").Click();

        dialogs.WaitForElement("#register-name").Change("   ");
        dialogs.Find("#register-submit").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Name the registered model", dialogs.Find("#register-error").TextContent));
        Assert.Single(dialogs.FindAll("#register-name"));
        Assert.Empty((await Registry.SearchModelsAsync(null, null, null, null, Ct)).Models);
    }

    [Fact]
    public async Task AReaderSeesNoRegisterButton()
    {
        var runId = await TrainedRunAsync();
        SignIn("arthur", Policies.ExperimentsRead, Policies.ModelsRead);

        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-status")));
        Assert.Empty(cut.FindAll("#register-model"));
    }

    [Fact]
    public async Task AnUnfinishedRunHasNoRegisterButton()
    {
        var runId = await CreateRunAsync(await CreateExperimentAsync("other"), "busy", "logistic", 0.5, status: "RUNNING");
        SignIn("dora", Policies.ExperimentsRead, Policies.ModelsRead, Policies.ModelsWrite);

        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#run-status")));
        Assert.Empty(cut.FindAll("#register-model"));
    }

    [Fact]
    public async Task ARefusedRegistrationShowsWhyAndLeavesNoModel()
    {
        var runId = await TrainedRunAsync();
        await File.AppendAllTextAsync(Path.Combine(Paths.Artifacts, "runs", runId, "model.zip"), "tampered", Ct);
        SignIn("dora", Policies.ExperimentsRead, Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        cut.WaitForElement("#register-model").Click();
        dialogs.WaitForElement("#register-name").Change("churn");
        dialogs.Find("#register-submit").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("has changed since training", dialogs.Find("#register-error").TextContent));
        Assert.Empty((await Registry.SearchModelsAsync(null, null, null, null, Ct)).Models);
    }
}
