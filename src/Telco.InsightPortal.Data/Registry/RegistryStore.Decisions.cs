using System.Globalization;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

public sealed partial class RegistryStore
{
    /// <summary>The decision saved on the version, or null when none was.</summary>
    public Task<VersionDecision?> DecisionAsync(string name, long version, CancellationToken ct = default) =>
        _db.ReadAsync(c => c.QuerySingleOrDefaultAsync<VersionDecision?>(Command(DecisionSql.Get, new { Name = name, Version = version }, null, ct)), ct);

    /// <summary>
    /// Saves (replaces) the version's decision and, in the same transaction, copies its threshold to the targets that
    /// serve the version now, bumping their deployments' revision so every serving replica labels with it at its next
    /// poll. The audit entry keeps the previous decision.
    /// </summary>
    public Task<VersionDecision> SaveDecisionAsync(string name, long version, VersionDecision decision, AuditActor actor, CancellationToken ct = default)
    {
        CheckName(name);
        if (Problem(decision) is { } problem) throw TrackingException.Invalid(problem);
        return _db.WriteAsync(actor, async (c, tx, audit) =>
        {
            var v = await RequireVersionAsync(c, tx, name, version, ct);
            var previous = await c.QuerySingleOrDefaultAsync<VersionDecision?>(Command(DecisionSql.Get, new { Name = name, Version = version }, tx, ct));
            var key = new { v.ModelId, Version = version };
            await c.ExecuteAsync(Command(DecisionSql.Delete, key, tx, ct));
            await c.ExecuteAsync(Command(DecisionSql.Insert, new
            {
                v.ModelId, Version = version, decision.Threshold, decision.TruePositiveValue, decision.TrueNegativeValue,
                decision.FalsePositiveCost, decision.FalseNegativeCost, SetBy = actor.Name, Now,
            }, tx, ct));
            var serving = new { Name = name, VersionText = version.ToString(CultureInfo.InvariantCulture), decision.Threshold, Now };
            var deployments = await c.ExecuteAsync(Command(DecisionSql.TouchServingDeployments, serving, tx, ct));
            await c.ExecuteAsync(Command(DecisionSql.CopyToServingTargets, serving, tx, ct));
            audit.Add(new AuditEvent("model.version.decision", "model_version", Target(name, version), Details: new
            {
                decision.Threshold, decision.TruePositiveValue, decision.TrueNegativeValue, decision.FalsePositiveCost, decision.FalseNegativeCost,
                previous = previous is null ? null : new { previous.Threshold, previous.SetBy },
                servingDeployments = deployments,
            }));
            return await c.QuerySingleAsync<VersionDecision>(Command(DecisionSql.Get, new { Name = name, Version = version }, tx, ct));
        }, ct);
    }

    private static string? Problem(VersionDecision d) =>
        d.Threshold is <= 0 or >= 1 || double.IsNaN(d.Threshold) ? "The threshold must be between 0 and 1 (exclusive)."
        : Bad(d.TruePositiveValue) ? "The value of a true positive must be a number of at least 0."
        : Bad(d.TrueNegativeValue) ? "The value of a true negative must be a number of at least 0."
        : Bad(d.FalsePositiveCost) ? "The cost of a false positive must be a number of at least 0."
        : Bad(d.FalseNegativeCost) ? "The cost of a false negative must be a number of at least 0."
        : null;

    private static bool Bad(double v) => !double.IsFinite(v) || v < 0;
}
