using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Registry;

namespace Telco.InsightPortal.Data.Governance;

/// <summary>A registered model as governance sees it: its owner (who registered it) and every version, newest first.</summary>
public sealed record GovernedModel(string Name, string Description, string Owner, IReadOnlyList<GovernedVersion> Versions);

/// <summary>A version with what the policies look at (<see cref="Facts"/>) and what the page shows beside them.</summary>
public sealed record GovernedVersion(VersionFacts Facts, long CreatedAt, string RunId, string? Dataset, long? SnapshotId, IReadOnlyList<string> Aliases,
    VersionDecision? Decision)
{
    public string Model => Facts.Model;

    public long Version => Facts.Version;

    public string Stage => Facts.Stage;
}
