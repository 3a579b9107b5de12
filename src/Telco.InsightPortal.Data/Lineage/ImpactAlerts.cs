using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>What opening impact alerts did: the deployments that got a new alert, and those that already had an
/// unresolved one for the snapshot (left as they were).</summary>
public sealed record ImpactAlertOutcome(long SnapshotId, IReadOnlyList<AlertRecord> Raised, IReadOnlyList<string> AlreadyOpen, bool Truncated);

/// <summary>
/// Opens an alert on every deployment an impact report lists, through <see cref="AlertStore.RaiseAsync"/> (which audits
/// each one it opens), naming the snapshot and the reason. A deployment that already has an unresolved impact alert for
/// the snapshot is skipped, so opening twice adds nothing; two people opening at once still get one alert each, as the
/// alert store keeps one unresolved alert per deployment, kind and feature.
/// </summary>
public sealed class ImpactAlerts(ImpactAnalysis analysis, AlertStore alerts, IAuditTrail audit)
{
    public const int MaxReasonLength = 500;

    public static string Feature(long snapshotId) => LineageIds.Key(LineageNodeTypes.Snapshot, LineageIds.Number(snapshotId));

    /// <exception cref="PortalException">Invalid for an empty or too long reason; NotFound for an unknown snapshot.</exception>
    public async Task<ImpactAlertOutcome> OpenAsync(long snapshotId, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw PortalException.Invalid("Say why the snapshot is bad: the alerts carry the reason.");
        if (reason.Length > MaxReasonLength) throw PortalException.Invalid($"A reason has at most {MaxReasonLength} characters.");
        var report = await analysis.OfSnapshotAsync(snapshotId, ct) ?? throw PortalException.NotFound($"Snapshot {snapshotId} does not exist.");
        var feature = Feature(snapshotId);
        var open = (await alerts.UnresolvedAsync(AlertKinds.SnapshotImpact, feature, ct)).Select(a => a.Deployment).ToHashSet(StringComparer.Ordinal);
        var raised = new List<AlertRecord>();
        var already = new List<string>();
        foreach (var deployment in report.Deployments)
        {
            if (open.Contains(deployment.Id))
            {
                already.Add(deployment.Id);
                continue;
            }
            var message = $"Snapshot {snapshotId} of {report.Dataset} was reported bad by {actor.Name}: {reason}. "
                          + $"This deployment is built on it (through {deployment.Via}); {deployment.Predictions?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown number of"} predictions logged.";
            raised.Add(await alerts.RaiseAsync(new NewAlert(deployment.Id, AlertKinds.SnapshotImpact, feature, "alert", message,
                deployment.Predictions, null), actor, ct));
        }
        // One entry for the decision itself, beside the alerts' own: who said the snapshot was bad, why, and what it reached.
        await audit.AppendAsync(actor, new AuditEvent("lineage.impact.alert", LineageNodeTypes.Snapshot, LineageIds.Number(snapshotId), Details: new
        {
            reason, raised = raised.Select(a => a.Deployment).ToArray(), alreadyOpen = already.ToArray(), report.Truncated,
        }), ct);
        return new ImpactAlertOutcome(snapshotId, raised, already, report.Truncated || report.DepthLimited);
    }
}
