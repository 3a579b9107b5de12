using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>Stop (confirmed first), start, and scale the engine pool each serving process keeps. Rendered only for roles that may change deployments;
/// each handler asks the policy again, and a refusal (already stopped, a version that no longer loads) shows the reason.</summary>
public sealed partial class LifecyclePanel : DeploymentChangePanel
{
    [Parameter, EditorRequired] public required DeploymentRecord Deployment { get; set; }

    private int _engines;

    private bool Stopped => Deployment.Status == DeploymentStatus.Stopped;

    protected override void OnParametersSet() => _engines = Deployment.EnginesPerProcess;

    private Task StopAsync() => ChangeAsync($"Stop '{Deployment.Name}'? Its endpoint answers 503 to every caller until it is started again.",
        _ => $"Stopped '{Deployment.Name}'.", actor => Deployments.StopAsync(Deployment.Name, actor));

    private Task StartAsync() => ChangeAsync(null, _ => $"Started '{Deployment.Name}'.", actor => Deployments.StartAsync(Deployment.Name, actor));

    private Task ScaleAsync() => ChangeAsync(null, next => $"'{Deployment.Name}' now has {next.Deployment.EnginesPerProcess} engine(s) per serving process.",
        actor => Deployments.ScaleAsync(Deployment.Name, _engines, actor));
}
