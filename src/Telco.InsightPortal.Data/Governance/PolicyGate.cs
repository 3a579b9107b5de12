using System.Data.Common;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Data.Governance;

/// <summary>Refuses a move to Production while a blocking policy fails for the version, judged on the state inside the
/// registry's own transaction. With no blocking policy configured it reads nothing.</summary>
public sealed class PolicyGate(PolicyEvaluator evaluator, TimeProvider clock) : IPromotionGate
{
    public async Task EnsureAllowedAsync(DbConnection connection, DbTransaction transaction, string model, long version, string? approver,
        CancellationToken ct)
    {
        var p = evaluator.Options.Policies;
        if (!new PolicySwitch[] { p.CompleteCard, p.FourEyes, p.MinTestAuc, p.NoStaleDriftAlert }.Any(s => s is { Enabled: true, Blocking: true })) return;
        var governed = await GovernanceStore.VersionAsync(connection, transaction, model, version, ct);
        if (governed is null) return; // the registry reports the missing version itself
        var failed = evaluator.Promotion(governed.Facts, clock.GetUtcNow(), approver).Where(c => c.Blocks).ToList();
        if (failed.Count == 0) return;
        throw new PromotionBlockedException(
            $"{model} version {version} cannot move to Production. {string.Join(" ", failed.Select(c => $"{c.Title}: {c.Reason}"))}",
            failed.Select(c => c.Name).ToList())
        {
            Details = new Dictionary<string, object?> { ["failedChecks"] = failed.Select(c => c.Name).ToList() },
        };
    }
}
