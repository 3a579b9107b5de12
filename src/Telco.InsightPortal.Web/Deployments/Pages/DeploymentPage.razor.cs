using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>One deployment: status and figures, what it serves and how traffic splits (with redeploy, canary and
/// rollback), a form to try it, traffic charts, recent requests and access keys.</summary>
public sealed partial class DeploymentPage
{
    [Parameter] public string Name { get; set; } = "";
    [Inject] private DeploymentSummaries Summaries { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private DeploymentOverview? _overview;
    private List<BreadcrumbItem> _crumbs = [];
    private bool _canWrite;
    private bool _loaded;

    protected override async Task OnParametersSetAsync()
    {
        _canWrite = await Authorization.AllowsAsync(Policies.DeploymentsWrite);
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        _overview = await Summaries.OverviewAsync(Name);
        _crumbs = [new("Deployments", "/deployments"), new(Name, null, disabled: true)];
    }
}
