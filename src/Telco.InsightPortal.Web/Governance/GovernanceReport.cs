using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Web.Governance;

/// <summary>Every registered model and version with the policy checks of each, as the page shows them and
/// <c>GET /api/v1/governance</c> answers them. Times are Unix milliseconds.</summary>
public sealed record GovernanceReport(long GeneratedAt, GovernancePolicies Policies, IReadOnlyList<ModelGovernance> Models);

public sealed record ModelGovernance(string Name, string Description, string Owner, IReadOnlyList<VersionGovernance> Versions)
{
    public int FailingVersions => Versions.Count(v => v.Failing);
}

public sealed record VersionGovernance(
    string Model,
    long Version,
    string Stage,
    IReadOnlyList<string> Aliases,
    string CreatedBy,
    long CreatedAt,
    string RunId,
    IReadOnlyList<ApprovalFact> Approvals,
    CardSummary Card,
    VersionDecision? Decision,
    double? TestAuc,
    SliceSummary? Slices,
    DriftSummary Drift,
    IReadOnlyList<PolicyCheck> Checks)
{
    public bool Failing => Checks.Any(c => c.Outcome == PolicyOutcome.Failed);
}

public sealed record CardSummary(int Present, int Total, IReadOnlyList<string> Missing)
{
    public static CardSummary Of(CardCompleteness card) => new(card.Present, card.Total, card.Missing);
}

/// <summary>What the slice metrics say in one line: the columns sliced and the weakest slice's AUC.</summary>
public sealed record SliceSummary(IReadOnlyList<string> Columns, double? LowestAuc, string? LowestSlice);

/// <summary>The deployments serving the version and their unresolved drift alerts; <see cref="Monitored"/> is false
/// when nothing serves it.</summary>
public sealed record DriftSummary(IReadOnlyList<string> Deployments, IReadOnlyList<DriftAlertFact> OpenAlerts)
{
    public bool Monitored => Deployments.Count > 0;
}
