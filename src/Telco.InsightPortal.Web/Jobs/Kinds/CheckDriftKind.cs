using System.Globalization;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Core.Monitoring;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Jobs.Kinds;

/// <summary>
/// Checks a deployment's last <c>windowHours</c> through <see cref="MonitoringService.CheckAsync"/>: drift of every input
/// against the training snapshot, estimated ROC AUC against its floor and the error rate; alerts are raised or updated
/// (audited as the job). The verdict is an output, so a pipeline can retrain only on drift:
/// <c>"when":{"output":"$check-drift.verdict","op":"=","value":"alert"}</c>, or on a falling estimate:
/// <c>"when":{"output":"$check-drift.estimatedAuc","op":"&lt;","value":0.75}</c> (a step after an unestimated window is skipped).
/// </summary>
public sealed class CheckDriftKind(MonitoringService monitoring, TimeProvider clock) : IJobKind
{
    public string Name => JobKindCatalog.CheckDrift;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(JobStepContext step, CancellationToken ct)
    {
        var deployment = step.Parameters.RequiredText("deployment");
        var hours = step.Parameters.Integer("windowHours") ?? 24;
        var to = clock.GetUtcNow();
        var from = to.AddHours(-hours);
        CheckResult result;
        try
        {
            result = await monitoring.CheckAsync(deployment, from, to, ct, step.Actor);
        }
        catch (Core.Errors.PortalException e)
        {
            throw new JobStepException($"Deployment '{deployment}' was not checked: {e.Message}", e);
        }
        var verdict = result.Drift.Verdict.Worst.ToString().ToLowerInvariant();
        if (result.Drift.Reason is { } reason) step.Log($"No drift verdict: {reason}");
        foreach (var f in result.Drift.Verdict.Features)
            step.Log(f.Status == DriftStatus.Insufficient
                ? $"{f.Name}: {f.Reason}"
                : $"{f.Name}: {f.Status.ToString().ToLowerInvariant()}, PSI {F(f.Psi)}, p = {f.PValue:0.###e0}.");
        if (result.Estimated?.RocAuc is { } auc) step.Log($"Estimated ROC AUC {F(auc.Value)} (95 % band {F(auc.Lower)} … {F(auc.Upper)}).");
        step.Log($"Verdict over the last {hours} h: {verdict}; {result.Alerts.Count} alert(s) raised or updated.");
        return new Dictionary<string, object?>
        {
            ["verdict"] = verdict, ["alerts"] = (long)result.Alerts.Count, ["estimatedAuc"] = result.Estimated?.RocAuc?.Value,
        };
    }

    private static string F(double? v) => v?.ToString("0.000", CultureInfo.InvariantCulture) ?? "—";
}
