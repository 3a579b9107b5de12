using Bunit;
using MudBlazor;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Jobs.Kinds;
using Telco.InsightPortal.Web.Registry.Pages;
using Telco.InsightPortal.Web.Security;
using Telco.InsightPortal.Web.Tests.Registry;

namespace Telco.InsightPortal.Web.Tests.Governance;

/// <summary>The page and job paths to Production with blocking policies: the AUC floor at 0.9 and four eyes.</summary>
public sealed class PromotionGatePagesTests : RegistryTestContext
{
    private static readonly AuditActor Rita = new("rita");

    protected override GovernanceOptions Governance => new()
    {
        Policies = new GovernancePolicies
        {
            MinTestAuc = new AucFloorPolicy { Blocking = true, Floor = 0.9 }, FourEyes = new PolicySwitch { Blocking = true },
        },
    };

    private async Task<long> AuditCountAsync()
    {
        await using var c = await Store.Factory.OpenAsync(Ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM audit_entries");
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenPromoteAsync(ModelVersion version)
    {
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<PromoteDialog> { { d => d.Version, version }, { d => d.Stage, ModelStages.Production } };
        await dialogs.InvokeAsync(() => Services.GetService<IDialogService>()!.ShowAsync<PromoteDialog>("Promote", parameters, PromoteDialog.Options));
        return dialogs;
    }

    [Fact]
    public async Task ThePromoteDialogShowsTheBlockingCheckAndWillNotSubmit()
    {
        var version = await RegisterAsync("churn", rocAuc: 0.84);
        SignIn("dora", Policies.ModelsRead, Policies.ModelsWrite);

        var dialogs = await OpenPromoteAsync(version);

        dialogs.WaitForAssertion(() => Assert.Contains("Test AUC 0.84 is not above the floor 0.9. This blocks the promotion.",
            dialogs.Find("#promote-checks").TextContent));
        Assert.True(dialogs.Find("#promote-submit").HasAttribute("disabled"));
        Assert.Empty(await Registry.ListApprovalsAsync("churn", pendingOnly: false, Ct));
    }

    [Fact]
    public async Task ACheckThatPassesLetsTheDialogFileTheRequest()
    {
        var version = await RegisterAsync("churn", rocAuc: 0.95);
        SignIn("dora", Policies.ModelsRead, Policies.ModelsWrite);
        var dialogs = await OpenPromoteAsync(version);
        dialogs.WaitForAssertion(() => Assert.Contains("Card: fail", dialogs.Find("#promote-checks").TextContent)); // reported, not blocking

        dialogs.Find("#promote-submit").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#promote-checks")));
        Assert.Single(await Registry.ListApprovalsAsync("churn", pendingOnly: true, Ct));
    }

    [Fact]
    public async Task TheApprovalsPanelShowsTheRefusalAndTheRequestStaysPending()
    {
        await RegisterAsync("churn", rocAuc: 0.95); // created by dora
        var request = (await Registry.TransitionStageAsync("churn", 1, "Production", false, "ship it", Rita, Ct)).Pending!;
        var audit = await AuditCountAsync();
        SignIn("dora", Policies.ModelsRead, Policies.ModelsWrite);
        var cut = Render<ApprovalsPanel>(p => p.Add(x => x.Approvals, [request]).Add(x => x.CurrentUser, "dora").Add(x => x.CanDecide, true));

        cut.Find(".decision-comment input").Input("my own model, fine");
        cut.Find(".approve-button").Click();

        cut.WaitForAssertion(() => Assert.Contains("Approved by dora, who created the version", cut.Find("#approval-error").TextContent));
        Assert.Equal(ApprovalStatuses.Pending, (await Registry.GetApprovalAsync(request.ApprovalId, Ct)).Status);
        Assert.Equal(ModelStages.None, (await Registry.GetVersionAsync("churn", 1, Ct)).CurrentStage);
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task APromoteJobStepFailsWithTheFailedCheckAndFilesNothing()
    {
        await RegisterAsync("churn", rocAuc: 0.84);
        var audit = await AuditCountAsync();
        var step = new JobStepContext("nightly", 7, 1, JobKindCatalog.Promote,
            new StepParameters(new JobStep("promote", JobKindCatalog.Promote, new Dictionary<string, object> { ["model"] = "churn", ["version"] = 1L, ["to"] = "production" }, null),
                new Dictionary<string, IReadOnlyDictionary<string, object?>>()),
            JobStepContext.ActorFor("nightly", 7), _ => { });

        var failure = await Assert.ThrowsAsync<JobStepException>(() => new PromoteKind(Registry).RunAsync(step, Ct));

        Assert.Contains("Test AUC above floor: Test AUC 0.84 is not above the floor 0.9.", failure.Message);
        Assert.Empty(await Registry.ListApprovalsAsync("churn", pendingOnly: false, Ct));
        Assert.Equal(audit, await AuditCountAsync());
    }
}
