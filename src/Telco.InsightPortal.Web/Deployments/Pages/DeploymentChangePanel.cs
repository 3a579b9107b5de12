using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>
/// A panel that changes a deployment through <see cref="DeploymentService"/>: every change asks the policy again
/// (hidden is not forbidden), is confirmed first when it has a question, and shows the service's reason when refused.
/// </summary>
public abstract class DeploymentChangePanel : ComponentBase
{
    [Parameter] public EventCallback OnChanged { get; set; }
    [Inject] protected DeploymentService Deployments { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected string? Error { get; set; }
    protected bool Busy { get; private set; }

    /// <param name="question">Asked first, unless null.</param>
    /// <param name="done">The success message, from the deployment after the change.</param>
    protected async Task ChangeAsync(string? question, Func<DeploymentState, string> done, Func<AuditActor, Task<DeploymentState>> change)
    {
        Error = null;
        if (!await Authorization.AllowsAsync(Policies.DeploymentsWrite))
        {
            Error = "Your role may read deployments but not change them.";
            return;
        }
        if (question is not null && await Dialogs.ShowMessageBoxAsync("Confirm", question, yesText: "Yes", cancelText: "Cancel") != true) return;
        Busy = true;
        try
        {
            var next = await change(await Actor.GetCurrentAsync());
            Snackbar.Add(done(next), Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (DeploymentException e)
        {
            Error = e.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
