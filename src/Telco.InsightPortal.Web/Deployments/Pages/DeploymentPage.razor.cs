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
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>How long the figures are re-read after a score from <see cref="TryItForm"/>, and how often.</summary>
    public static readonly TimeSpan ScoreFollowFor = TimeSpan.FromSeconds(5), ScoreFollowEvery = TimeSpan.FromMilliseconds(250);

    private DeploymentOverview? _overview;
    private List<BreadcrumbItem> _crumbs = [];
    private bool _canWrite;
    private bool _canReadLineage;
    private bool _loaded;

    protected override async Task OnParametersSetAsync()
    {
        _canWrite = await Authorization.AllowsAsync(Policies.DeploymentsWrite);
        _canReadLineage = await Authorization.AllowsAsync(Policies.LineageRead);
        await ReloadAsync();
        _loaded = true;
    }

    /// <summary>
    /// The figures come from the store, where serving's prediction-log writer counts a request in its next batch (within
    /// about 200 ms), not when the score answers; and the page may talk to a serving cluster elsewhere. So the tiles are
    /// re-read until the new request shows, for a few seconds at most.
    /// </summary>
    private async Task ScoredAsync()
    {
        var before = _overview?.Deployment.Requests ?? 0;
        for (var waited = TimeSpan.Zero; waited < ScoreFollowFor; waited += ScoreFollowEvery)
        {
            await ReloadAsync();
            if (_overview is null || _overview.Deployment.Requests > before) break;
            await Task.Delay(ScoreFollowEvery, Clock);
        }
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        _overview = await Summaries.OverviewAsync(Name);
        _crumbs = [new("Deployments", "/deployments"), new(Name, null, disabled: true)];
    }
}
