using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>The portal's side of <see cref="IAppHost"/>: bindings from the store, artifacts only from a run's own folder.</summary>
public sealed class PortalAppHost(AppBindingStore bindings, DeploymentStore deployments, RunArtifacts artifacts) : IAppHost
{
    public async Task<AppDeployment?> DeploymentAsync(string appId, CancellationToken ct = default)
    {
        if (await bindings.GetAsync(appId, ct) is not { } binding) return null;
        if (await deployments.GetStateAsync(binding.Deployment, ct) is not { } state) return null;
        return new AppDeployment(state.Deployment.Name, state.Deployment.Status,
            state.Targets.OrderByDescending(t => t.Weight).Select(t => new AppServedVersion(t.Model, t.Version, t.RunId, t.Weight)).ToList());
    }

    public async Task<IReadOnlyList<(double Score, bool Label)>> LabelledPredictionsAsync(string appId, AppServedVersion version, int limit,
        CancellationToken ct = default)
    {
        if (await bindings.GetAsync(appId, ct) is not { } binding || await deployments.GetAsync(binding.Deployment, ct) is not { } deployment) return [];
        var rows = await deployments.LabelledPredictionsAsync(deployment, $"{version.Model}/{version.Version}", limit, ct);
        return rows.Select(r => (r.Score, r.Label == 1)).ToList();
    }

    public Task<Stream?> OpenHeldOutPredictionsAsync(string runId, CancellationToken ct = default)
    {
        var path = artifacts.DirectoryOf(runId) is { } directory ? Path.Combine(directory, ArtifactNames.Predictions) : null;
        return Task.FromResult<Stream?>(path is not null && File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : null);
    }
}
