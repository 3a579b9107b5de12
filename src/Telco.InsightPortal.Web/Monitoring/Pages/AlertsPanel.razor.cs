using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Monitoring;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Monitoring.Pages;

public sealed partial class AlertsPanel
{
    public const int PageSize = 50;

    /// <summary>One deployment's alerts, or every deployment's when null.</summary>
    [Parameter] public string? Deployment { get; set; }

    /// <summary>Only alerts of this status (open, acknowledged, resolved); all when null.</summary>
    [Parameter] public string? Status { get; set; }

    [Inject] private AlertStore Alerts { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;

    private AlertPage? _page;
    private bool _canWrite;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        _canWrite = await Authorization.AllowsAsync(Policies.MonitoringWrite);
        await LoadAsync();
    }

    private async Task LoadAsync() => _page = await Alerts.ListAsync(new AlertQuery(Status, Deployment, null, PageSize));

    private async Task MoreAsync()
    {
        var next = await Alerts.ListAsync(new AlertQuery(Status, Deployment, _page!.NextBeforeId, PageSize));
        _page = new AlertPage([.. _page.Alerts, .. next.Alerts], next.NextBeforeId);
    }

    private Task AcknowledgeAsync(long id) => ChangeAsync(async actor => await Alerts.AcknowledgeAsync(id, actor));

    private Task ResolveAsync(long id) => ChangeAsync(async actor => await Alerts.ResolveAsync(id, actor));

    /// <summary>Hidden buttons are not forbidden ones: the handler asks the policy again.</summary>
    private async Task ChangeAsync(Func<Data.Audit.AuditActor, Task> change)
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.MonitoringWrite))
        {
            _error = "Your role may read monitoring but not change alerts.";
            return;
        }
        try
        {
            await change(await Actor.GetCurrentAsync());
        }
        catch (PortalException e)
        {
            _error = e.Message;
        }
        await LoadAsync();
    }
}
