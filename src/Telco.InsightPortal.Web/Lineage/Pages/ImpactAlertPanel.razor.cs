using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Lineage.Pages;

public sealed partial class ImpactAlertPanel
{
    [Parameter, EditorRequired] public required ImpactReport Report { get; set; }
    [Inject] private ImpactAlerts Alerts { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;

    private bool _confirming;
    private bool _busy;
    private string? _reason;
    private string? _error;
    private ImpactAlertOutcome? _outcome;

    private void Ask()
    {
        _confirming = true;
        _error = null;
        _outcome = null;
    }

    private void Cancel() => _confirming = false;

    /// <summary>Hidden buttons are not forbidden ones: the handler asks the policy again.</summary>
    private async Task OpenAsync()
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.MonitoringWrite))
        {
            _error = "Your role may read lineage but not open alerts.";
            return;
        }
        _busy = true;
        try
        {
            _outcome = await Alerts.OpenAsync(Report.SnapshotId, _reason, await Actor.GetCurrentAsync());
            _confirming = false;
        }
        catch (PortalException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
