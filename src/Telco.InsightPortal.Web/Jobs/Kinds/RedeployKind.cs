using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>Points a deployment at a version or an alias of the model it serves, through <see cref="DeploymentService"/>:
/// the new version is loaded and warmed beside the serving one and swapped in; one that does not load changes nothing.</summary>
public sealed class RedeployKind(DeploymentService deployments) : IJobKind
{
    public string Name => JobKindCatalog.Redeploy;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var name = step.Parameters.RequiredText("deployment");
        var version = step.Parameters.Integer("version");
        var alias = step.Parameters.Text("alias") is { Length: > 0 } a ? a : null;
        if (version is null == alias is null)
            throw new JobStepException($"Give exactly one of 'version' and 'alias' to redeploy '{name}'" + (version is null ? "; neither was given." : $"; both were (version {version}, alias {alias})."));
        var target = version is { } v ? $"version {v.ToString(CultureInfo.InvariantCulture)}" : $"alias @{alias}";
        try
        {
            var state = await StepFailures.RefusedAsync($"Deployment '{name}' was not redeployed to {target}",
                () => deployments.RedeployAsync(name, version?.ToString(CultureInfo.InvariantCulture), alias, step.Actor, ct));
            var served = state.Targets.OrderByDescending(t => t.Weight).First();
            step.Log($"Deployment {name} now serves {served.Model} version {served.Version} ({target}), generation {state.Deployment.Generation}.");
            return new Dictionary<string, object?>
            {
                ["version"] = long.Parse(served.Version, NumberStyles.None, CultureInfo.InvariantCulture),
                ["generation"] = state.Deployment.Generation,
            };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled($"deployment '{name}' keeps serving what it served.", e);
        }
    }
}
