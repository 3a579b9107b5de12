using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>What a deployment serves, and the changes of it: redeploy, canary and rollback, each confirmed first.
/// A change that fails (a version that does not load, a concurrent change) shows the service's reason.</summary>
public sealed partial class TargetsPanel : DeploymentChangePanel
{
    [Parameter, EditorRequired] public required DeploymentState State { get; set; }
    [Parameter] public bool CanWrite { get; set; }

    private string _target = "@" + Data.Registry.ModelAliases.Champion;
    private int _weight = 10;

    private string Name => State.Deployment.Name;

    /// <summary>"@champion" is an alias, anything else a version.</summary>
    private (string? Version, string? Alias) Target() =>
        _target.Trim() is var t && t.StartsWith('@') ? (null, t[1..]) : (_target.Trim(), null);

    private Task RedeployAsync() => ChangeAsync($"Serve {_target} on '{Name}' instead of what it serves now?", Done("Redeployed"),
        async actor => await Deployments.RedeployAsync(Name, Target().Version, Target().Alias, actor));

    private Task CanaryAsync() => ChangeAsync($"Send {_weight}% of '{Name}' traffic to {_target}?", Done("Canary started"),
        async actor => await Deployments.CanaryAsync(Name, Target().Version, Target().Alias, _weight, actor));

    private Task RollbackAsync() => ChangeAsync($"Roll '{Name}' back to what it served before?", Done("Rolled back"),
        async actor => await Deployments.RollbackAsync(Name, actor));

    private static Func<DeploymentState, string> Done(string what) => next => $"{what}: {DeploymentView.Targets(next.Targets)}.";
}
