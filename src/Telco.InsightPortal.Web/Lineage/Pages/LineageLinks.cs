using System.Globalization;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Web.Datasets.Pages;
using Telco.InsightPortal.Web.Deployments.Pages;

namespace Telco.InsightPortal.Web.Lineage.Pages;

/// <summary>Where the lineage reports live, and the page of each object they name.</summary>
public static class LineageLinks
{
    public static string PredictionChain(string uuid) => "/lineage/prediction/" + Uri.EscapeDataString(uuid);

    public static string Impact(long snapshotId) => "/lineage/impact/" + Number(snapshotId);

    public static string ImpactCsv(long snapshotId) => $"/api/v1/lineage/impact/snapshot/{Number(snapshotId)}/impact.csv";

    public static string Run(string runId) => "/runs/" + Uri.EscapeDataString(runId);

    public static string Experiment(long id) => "/experiments/" + Number(id);

    /// <summary>The page of an impact report's item (snapshots are those of the report's dataset: an append stays in its
    /// dataset); null for a kind without a page of its own.</summary>
    public static string? Of(ImpactItem item, string dataset) => item.Type switch
    {
        LineageNodeTypes.Snapshot when long.TryParse(item.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => DatasetLinks.Snapshot(dataset, id),
        LineageNodeTypes.Run => Run(item.Id),
        LineageNodeTypes.ModelVersion => DeploymentView.VersionLink(item.Id),
        LineageNodeTypes.Deployment => DeploymentView.Link(item.Id),
        LineageNodeTypes.App => "/apps/" + Uri.EscapeDataString(item.Id),
        LineageNodeTypes.Dashboard => "/dashboards/" + Uri.EscapeDataString(item.Id),
        LineageNodeTypes.Chart when item.Id.IndexOf('/') is > 0 and var slash => "/dashboards/" + Uri.EscapeDataString(item.Id[..slash]),
        LineageNodeTypes.JobRun => JobRun(item),
        _ => null,
    };

    /// <summary>A job run's page is under its job, whose name only its label holds ("{job} #{id}", LineageLabelSql).</summary>
    private static string? JobRun(ImpactItem item)
    {
        var hash = item.Label.LastIndexOf(" #", StringComparison.Ordinal);
        return hash <= 0 ? null : $"/jobs/{Uri.EscapeDataString(item.Label[..hash])}/runs/{Uri.EscapeDataString(item.Id)}";
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
