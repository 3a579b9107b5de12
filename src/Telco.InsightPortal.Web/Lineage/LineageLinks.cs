using System.Globalization;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>
/// Where lineage's pages are, and the page and audit entries of each node they show: every segment escaped, since ids
/// come from users (dataset and deployment names, MLflow run ids). The graph, the prediction chain and the impact
/// report all link through here, so an object's page is said once.
/// </summary>
public static class LineageLinks
{
    /// <summary>A node's own page; null for groups, people, source files, and a snapshot whose dataset is not known.</summary>
    /// <param name="datasetOf">The dataset a snapshot belongs to, when the caller knows it (a snapshot-of edge, a report's dataset).</param>
    public static string? PageOf(LineageNode node, string? datasetOf = null)
    {
        if (node.Group) return null;
        var id = node.Id;
        return node.Type switch
        {
            LineageNodeTypes.Deployment => "/deployments/" + E(id),
            LineageNodeTypes.ModelVersion when id.LastIndexOf('/') is var slash and > 0 && long.TryParse(id[(slash + 1)..], out var v) =>
                $"/models/{E(id[..slash])}?version={v}",
            LineageNodeTypes.Dataset => "/data/" + E(id),
            LineageNodeTypes.Snapshot when datasetOf is not null => $"/data/{E(datasetOf)}?snapshot={E(id)}",
            LineageNodeTypes.Run => Run(id),
            LineageNodeTypes.Dashboard => "/dashboards/" + E(id),
            LineageNodeTypes.Chart when id.IndexOf('/') is var slash and > 0 => "/dashboards/" + E(id[..slash]),
            LineageNodeTypes.App => "/apps/" + E(id),
            LineageNodeTypes.JobRun => JobRun(node),
            LineageNodeTypes.Prediction => PredictionChain(id),
            _ => null,
        };
    }

    /// <summary>The page of an impact report's item (its snapshots are in the report's dataset: an append stays in its
    /// dataset).</summary>
    public static string? Of(ImpactItem item, string dataset) => PageOf(new LineageNode(item.Type, item.Id, item.Label), dataset);

    /// <summary>The audit page filtered to a node's entries (the audit trail's target types differ from lineage's node
    /// types): a snapshot's are its dataset's commits, a person's are what they did. Null where the trail has no target
    /// for the node (groups, source files, charts, predictions).</summary>
    public static string? AuditOf(LineageNode node, string? datasetOf = null)
    {
        if (node.Group) return null;
        var id = node.Id;
        return node.Type switch
        {
            LineageNodeTypes.Deployment => Audit("deployment", id),
            LineageNodeTypes.ModelVersion => Audit("model_version", id),
            LineageNodeTypes.Run => Audit("run", id),
            LineageNodeTypes.Dataset => Audit("dataset", id),
            LineageNodeTypes.Snapshot when datasetOf is not null => Audit("dataset", datasetOf) + "&action=snapshot.commit",
            LineageNodeTypes.Dashboard => Audit("dashboard", id),
            LineageNodeTypes.App => Audit("app", id),
            LineageNodeTypes.JobRun => Audit("job-run", id),
            LineageNodeTypes.Person => "/audit?actor=" + E(id),
            _ => null,
        };
    }

    /// <summary>The graph page around a node.</summary>
    public static string Graph(string type, string id, LineageDirection direction = LineageDirection.Both, int depth = 1) =>
        $"/lineage?type={E(type)}&id={E(id)}&direction={direction.Word()}&depth={depth}";

    public static string PredictionChain(string uuid) => "/lineage/prediction/" + E(uuid);

    public static string Impact(long snapshotId) => "/lineage/impact/" + Number(snapshotId);

    public static string ImpactCsv(long snapshotId) => $"/api/v1/lineage/impact/snapshot/{Number(snapshotId)}/impact.csv";

    public static string Run(string runId) => "/runs/" + E(runId);

    public static string Experiment(long id) => "/experiments/" + Number(id);

    /// <summary>A job run's page is under its job, whose name only its label holds ("{job} #{id}", LineageLabelSql).</summary>
    private static string? JobRun(LineageNode node)
    {
        var hash = node.Label.LastIndexOf(" #", StringComparison.Ordinal);
        return hash <= 0 ? null : $"/jobs/{E(node.Label[..hash])}/runs/{E(node.Id)}";
    }

    private static string Audit(string targetType, string targetId) => $"/audit?targetType={E(targetType)}&targetId={E(targetId)}";

    private static string E(string s) => Uri.EscapeDataString(s);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
