using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>
/// The portal's side of <see cref="IAppHost"/>, one per circuit (it acts for the signed-in user): bindings and
/// decisions from the store, artifacts only from a run's own folder, scores through <see cref="AppScoring"/>.
/// </summary>
public sealed partial class PortalAppHost(AppBindingStore bindings, DeploymentStore deployments, RegistryStore registry, RunArtifacts artifacts,
    AppScoring scoring, AppRows rows, AppSavedItemStore saved, AuthenticationStateProvider authentication, IAuthorizationService authorization,
    IAuditActorAccessor actor) : IAppHost
{
    public async Task<AppDeployment?> DeploymentAsync(string appId, CancellationToken ct = default)
    {
        if (await bindings.GetAsync(appId, ct) is not { } binding) return null;
        if (await deployments.GetStateAsync(binding.Deployment, ct) is not { } state) return null;
        var versions = new List<AppServedVersion>();
        foreach (var t in state.Targets.OrderByDescending(t => t.Weight))
            versions.Add(new AppServedVersion(t.Model, t.Version, t.RunId, t.Weight, await DecisionAsync(t.Model, t.Version, ct)));
        return new AppDeployment(state.Deployment.Name, state.Deployment.Status, versions);
    }

    public async Task<IReadOnlyList<(double Score, bool Label)>> LabelledPredictionsAsync(string appId, AppServedVersion version, int limit,
        CancellationToken ct = default)
    {
        if (await bindings.GetAsync(appId, ct) is not { } binding || await deployments.GetAsync(binding.Deployment, ct) is not { } deployment) return [];
        var labelled = await deployments.LabelledPredictionsAsync(deployment, $"{version.Model}/{version.Version}", limit, ct);
        return labelled.Select(r => (r.Score, r.Label == 1)).ToList();
    }

    public Task<Stream?> OpenHeldOutPredictionsAsync(string runId, CancellationToken ct = default)
    {
        var path = artifacts.DirectoryOf(runId) is { } directory ? Path.Combine(directory, ArtifactNames.Predictions) : null;
        return Task.FromResult<Stream?>(path is not null && File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : null);
    }

    public async Task SaveDecisionAsync(AppServedVersion version, AppDecision decision, CancellationToken ct = default)
    {
        if (!await AllowsAsync("models:write")) throw new UnauthorizedAccessException("Only a data scientist or an administrator saves a decision on a model version.");
        if (decision.Problem() is { } problem) throw new ArgumentException(problem, nameof(decision));
        try
        {
            await registry.SaveDecisionAsync(version.Model, RegistryStore.ParseVersion(version.Version), new VersionDecision
            {
                Threshold = decision.Threshold, TruePositiveValue = decision.TruePositiveValue, TrueNegativeValue = decision.TrueNegativeValue,
                FalsePositiveCost = decision.FalsePositiveCost, FalseNegativeCost = decision.FalseNegativeCost,
            }, await actor.GetCurrentAsync(), ct);
        }
        catch (PortalException e)
        {
            // Apps know the contract's exceptions only: the version was deleted meanwhile, or the store refused a value.
            throw new ArgumentException(e.Message, nameof(version), e);
        }
    }

    public Task<bool> CanSeePersonalDataAsync(CancellationToken ct = default) => AllowsAsync(Security.Policies.PersonalDataRead);

    private async Task<AppDecision?> DecisionAsync(string model, string version, CancellationToken ct)
    {
        if (!long.TryParse(version, out var number) || await registry.DecisionAsync(model, number, ct) is not { } d) return null;
        return new AppDecision(d.Threshold, d.TruePositiveValue, d.TrueNegativeValue, d.FalsePositiveCost, d.FalseNegativeCost, d.SetBy,
            DateTimeOffset.FromUnixTimeMilliseconds(d.SetAt));
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    private async Task<bool> AllowsAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), null, policy)).Succeeded;
}
