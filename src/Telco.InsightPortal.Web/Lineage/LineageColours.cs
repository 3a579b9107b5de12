using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage;

/// <summary>One colour per node type, for the legend under the canvas; js/lineage-graph.js draws with the same ones.</summary>
public static class LineageColours
{
    public static readonly IReadOnlyDictionary<string, string> ByType = new Dictionary<string, string>
    {
        [LineageNodeTypes.SourceFile] = "#8d6e63",
        [LineageNodeTypes.Dataset] = "#6d4c41",
        [LineageNodeTypes.Snapshot] = "#1e88e5",
        [LineageNodeTypes.Run] = "#8e24aa",
        [LineageNodeTypes.ModelVersion] = "#3949ab",
        [LineageNodeTypes.Deployment] = "#00897b",
        [LineageNodeTypes.App] = "#43a047",
        [LineageNodeTypes.Dashboard] = "#f4511e",
        [LineageNodeTypes.Chart] = "#fb8c00",
        [LineageNodeTypes.JobRun] = "#546e7a",
        [LineageNodeTypes.Prediction] = "#c0ca33",
        [LineageNodeTypes.Person] = "#757575",
    };
}
