using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Moves a version to staging or the challenger alias at once; production and champion go through the four-eyes rule
/// as for anyone: the registry files an approval request, which a person decides (the job never approves). Moving to
/// Production archives the version already there once approved, so one version is in Production at a time. A retried
/// run finds the request its earlier attempt filed and answers with it rather than failing.
/// </summary>
public sealed class PromoteKind(RegistryStore registry) : IJobKind
{
    public string Name => JobKindCatalog.Promote;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var model = step.Parameters.RequiredText("model");
        var version = step.Parameters.Integer("version") ?? throw new JobStepException("Parameter 'version' has no value.");
        var to = step.Parameters.RequiredText("to").Trim().ToLowerInvariant();
        var comment = step.Parameters.Text("comment") ?? $"Promoted by job {step.Job} (run {step.RunId.ToString(CultureInfo.InvariantCulture)}).";
        var (kind, target) = to switch
        {
            "staging" => (ApprovalTargets.Stage, ModelStages.Staging),
            "production" => (ApprovalTargets.Stage, ModelStages.Production),
            "challenger" => (ApprovalTargets.Alias, ModelAliases.Challenger),
            "champion" => (ApprovalTargets.Alias, ModelAliases.Champion),
            _ => throw new JobStepException($"Cannot promote to '{to}': use staging, challenger, production or champion."),
        };
        var what = kind == ApprovalTargets.Stage ? $"stage {target}" : $"alias @{target}";
        try
        {
            var change = await StepFailures.RefusedAsync($"{model} version {version} was not moved to {what}",
                () => ChangeAsync(step, model, version, kind, target, comment, ct));
            if (change.Pending is { } request)
            {
                step.Log($"Filed approval request {request.ApprovalId} to move {model} version {version} to {what}; it waits for a person's decision.");
                return new Dictionary<string, object?> { ["applied"] = false, ["requestId"] = request.ApprovalId };
            }
            step.Log($"Moved {model} version {version} to {what}.");
            return new Dictionary<string, object?> { ["applied"] = true, ["requestId"] = null };
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            throw StepFailures.Cancelled($"{model} version {version} was not moved to {what}.", e);
        }
    }

    private async Task<RegistryChange> ChangeAsync(JobStepContext step, string model, long version, string kind, string target, string comment,
        CancellationToken ct)
    {
        try
        {
            return kind == ApprovalTargets.Stage
                ? await registry.TransitionStageAsync(model, version, target, archiveExisting: target == ModelStages.Production, comment, step.Actor, ct)
                : await registry.SetAliasAsync(model, target, version, comment, step.Actor, ct);
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.AlreadyExists)
        {
            var open = (await registry.ListApprovalsAsync(model, pendingOnly: true, ct))
                .FirstOrDefault(a => a.Version == version && a.TargetKind == kind && a.Target == target);
            if (open is null) throw;
            step.Log($"A request for {open.Describe()} of {model} version {version} is already pending ({open.ApprovalId}, filed by {open.RequestedBy}); not filing another.");
            return new RegistryChange(await registry.GetVersionAsync(model, version, ct), open);
        }
    }
}
