using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Deployments;

/// <summary>What a deployment serves, and the changes of it: redeploy, canary and rollback, each confirmed first.
/// A change that fails (a version that does not load, a concurrent change) shows the service's reason.</summary>
public sealed partial class TargetsPanel
{
    [Parameter, EditorRequired] public required DeploymentState State { get; set; }
    [Parameter] public bool CanWrite { get; set; }
    [Parameter] public EventCallback OnChanged { get; set; }
    [Inject] private DeploymentService Deployments { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string _target = "@" + Data.Registry.ModelAliases.Champion;
    private int _weight = 10;
    private string? _error;
    private bool _busy;

    private string Name => State.Deployment.Name;

    /// <summary>"@champion" is an alias, anything else a version.</summary>
    private (string? Version, string? Alias) Target() =>
        _target.Trim() is var t && t.StartsWith('@') ? (null, t[1..]) : (_target.Trim(), null);

    private Task RedeployAsync() => ChangeAsync($"Serve {_target} on '{Name}' instead of what it serves now?", "Redeployed",
        async actor => await Deployments.RedeployAsync(Name, Target().Version, Target().Alias, actor));

    private Task CanaryAsync() => ChangeAsync($"Send {_weight}% of '{Name}' traffic to {_target}?", "Canary started",
        async actor => await Deployments.CanaryAsync(Name, Target().Version, Target().Alias, _weight, actor));

    private Task RollbackAsync() => ChangeAsync($"Roll '{Name}' back to what it served before?", "Rolled back",
        async actor => await Deployments.RollbackAsync(Name, actor));

    private async Task ChangeAsync(string question, string done, Func<Data.Audit.AuditActor, Task<DeploymentState>> change)
    {
        _error = null;
        if (!await Authorization.AllowsAsync(Policies.DeploymentsWrite))
        {
            _error = "Your role may read deployments but not change them.";
            return;
        }
        if (await Dialogs.ShowMessageBoxAsync("Confirm", question, yesText: "Yes", cancelText: "Cancel") != true) return;
        _busy = true;
        try
        {
            var next = await change(await Actor.GetCurrentAsync());
            Snackbar.Add($"{done}: {DeploymentView.Targets(next.Targets)}.", Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (DeploymentException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
