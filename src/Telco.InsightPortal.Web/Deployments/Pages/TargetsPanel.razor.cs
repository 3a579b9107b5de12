using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>What a deployment serves, and the changes of it: redeploy, canary and rollback, each confirmed first.
/// A target the registry does not know is refused before the question; a change that fails anyway (a version that
/// does not load, a concurrent change) shows the service's reason.</summary>
public sealed partial class TargetsPanel : DeploymentChangePanel
{
    [Parameter, EditorRequired] public required DeploymentState State { get; set; }
    [Parameter] public bool CanWrite { get; set; }
    [Inject] private RegistryStore Registry { get; set; } = default!;

    private IReadOnlyList<ModelVersion> _versions = [];
    private string? _target;
    private int _weight = 10;

    private string Name => State.Deployment.Name;

    private DeploymentTarget Main => State.Targets.OrderByDescending(t => t.Weight).First();

    protected override async Task OnParametersSetAsync()
    {
        if (!CanWrite) return;
        // The model may have been deleted from the registry since it was deployed: then nothing can be redeployed.
        try
        {
            _versions = await Registry.ListVersionsAsync(Main.Model);
        }
        catch (Data.Tracking.TrackingException)
        {
            _versions = [];
        }
        _target ??= TargetChoice.Prefill(_versions, Main.Version);
    }

    private Task RedeployAsync() => Checked(TargetChoice.Problem(_target, Main.Model, _versions)) ? Task.CompletedTask
        : ChangeAsync($"Serve {_target} on '{Name}' instead of what it serves now?", Done("Redeployed"),
            async actor => await Deployments.RedeployAsync(Name, TargetChoice.Parse(_target).Version, TargetChoice.Parse(_target).Alias, actor));

    private Task CanaryAsync() => Checked(TargetChoice.Problem(_target, Main.Model, _versions) ?? TargetChoice.WeightProblem(_weight)) ? Task.CompletedTask
        : ChangeAsync($"Send {_weight}% of '{Name}' traffic to {_target}?", Done("Canary started"),
            async actor => await Deployments.CanaryAsync(Name, TargetChoice.Parse(_target).Version, TargetChoice.Parse(_target).Alias, _weight, actor));

    private Task RollbackAsync() => ChangeAsync($"Roll '{Name}' back to what it served before?", Done("Rolled back"),
        async actor => await Deployments.RollbackAsync(Name, actor));

    /// <summary>True (and the reason shown) when the target is refused before any question is asked.</summary>
    private bool Checked(string? problem)
    {
        Error = problem;
        return problem is not null;
    }

    private static Func<DeploymentState, string> Done(string what) => next => $"{what}: {DeploymentView.Targets(next.Targets)}.";
}
