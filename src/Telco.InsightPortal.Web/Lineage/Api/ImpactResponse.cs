using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Api;

/// <summary>
/// A snapshot's impact: <c>{"snapshotId","dataset","depth","truncated","depthLimited","totalPredictions","counts":{kind:n},
/// "items":[{"type","id","label","distance","via","kind","predictions"}]}</c>. <c>via</c> is the <c>{type}/{id}</c> an item
/// was reached from and <c>kind</c> that edge's kind; <c>predictions</c> is set on deployments only.
/// </summary>
public sealed record ImpactResponse(
    long SnapshotId, string Dataset, int Depth, bool Truncated, bool DepthLimited, long TotalPredictions,
    IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ImpactItem> Items)
{
    public static ImpactResponse Of(ImpactReport r) => new(r.SnapshotId, r.Dataset, r.Depth, r.Truncated, r.DepthLimited, r.TotalPredictions,
        ImpactReport.Kinds.ToDictionary(k => k, k => r.Of(k).Count(), StringComparer.Ordinal), r.Items);
}
