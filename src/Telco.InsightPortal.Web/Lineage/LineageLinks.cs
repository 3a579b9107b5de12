using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>Where a node's own page is, when it has one: every segment escaped, since ids come from users (dataset and
/// deployment names, MLflow run ids). Groups, people and job runs (whose page needs the job's name) have none.</summary>
public static class LineageLinks
{
    /// <param name="datasetOf">The dataset a snapshot belongs to, when the graph knows it (its snapshot-of edge).</param>
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
            LineageNodeTypes.Run => "/runs/" + E(id),
            LineageNodeTypes.Dashboard => "/dashboards/" + E(id),
            LineageNodeTypes.Chart when id.IndexOf('/') is var slash and > 0 => "/dashboards/" + E(id[..slash]),
            LineageNodeTypes.App => "/apps/" + E(id),
            LineageNodeTypes.Prediction => "/lineage/prediction/" + E(id),
            _ => null,
        };
    }

    /// <summary>The graph page around a node.</summary>
    public static string Graph(string type, string id, LineageDirection direction = LineageDirection.Both, int depth = 1) =>
        $"/lineage?type={E(type)}&id={E(id)}&direction={direction.Word()}&depth={depth}";

    private static string E(string s) => Uri.EscapeDataString(s);
}
