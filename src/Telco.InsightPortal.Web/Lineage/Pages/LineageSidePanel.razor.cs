using System.Globalization;
using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Pages;

public sealed partial class LineageSidePanel
{
    private const int MaxEdges = 12;

    [Parameter, EditorRequired] public required LineageExploration Exploration { get; set; }
    [Parameter] public string? SelectedKey { get; set; }
    [Parameter] public EventCallback<string> OnExpand { get; set; }

    private LineageNode? Node => SelectedKey is null ? null : Exploration.Node(SelectedKey);

    private LineageGroup? Group => SelectedKey is null ? null : Exploration.View.Groups.GetValueOrDefault(SelectedKey);

    private IReadOnlyList<LineageEdge> Edges => Node is null || Node.Group ? [] : Exploration.EdgesOf(Node.Key);

    private string? Link => Node is null ? null : LineageLinks.PageOf(Node, DatasetOfSnapshot());

    private string? AuditLink => Node is null ? null : LineageLinks.AuditOf(Node, DatasetOfSnapshot());

    private string? DatasetOfSnapshot() => Node?.Type != LineageNodeTypes.Snapshot ? null
        : Exploration.EdgesOf(Node.Key).FirstOrDefault(e => e.FromType == LineageNodeTypes.Dataset && e.Kind == LineageEdgeKinds.SnapshotOf)?.FromId;

    private string LabelOf(string key) => Exploration.Node(key)?.Label ?? key;

    private static string When(long? at) => at is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"
        : "time not recorded";

    private static string Fact(object? value) => value switch
    {
        null => "—",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
