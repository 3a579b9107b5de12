using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>Every deployment with what it serves, its traffic split, status, requests, p95 latency and errors.</summary>
public sealed partial class DeploymentsPage
{
    [Inject] private DeploymentSummaries Summaries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private IReadOnlyList<DeploymentOverview>? _deployments;
    private bool _canWrite;

    protected override async Task OnInitializedAsync()
    {
        _canWrite = await Authorization.AllowsAsync(Policies.DeploymentsWrite);
        _deployments = await Summaries.ListAsync();
    }

    private async Task DeployAsync()
    {
        if (await DeployDialog.ShowAsync(Dialogs, Authorization, null, null) is { } name) Navigation.NavigateTo(DeploymentView.Link(name));
    }

    private void Open(DeploymentOverview? o)
    {
        if (o is not null) Navigation.NavigateTo(DeploymentView.Link(o.Deployment.Name));
    }
}
