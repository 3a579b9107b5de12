using System.Globalization;
using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Pages;

/// <summary>
/// The lineage graph around one node (<c>/lineage?type=deployment&amp;id=churn&amp;direction=upstream&amp;depth=1</c>): one hop
/// at first, more by the depth control or by expanding a node, large fans grouped. Asks <see cref="LineageStore"/>
/// directly, in the circuit; reads only. Without a node, or with one nobody knows, it offers a picker.
/// </summary>
public sealed partial class LineagePage
{
    private const int SuggestionCount = 8;

    [Inject] private LineageStore Store { get; set; } = default!;
    [Inject] private LineageOptions Options { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "id")] public string? Id { get; set; }
    [SupplyParameterFromQuery(Name = "direction")] public string? Direction { get; set; }
    [SupplyParameterFromQuery(Name = "depth")] public string? Depth { get; set; }

    private LineageExploration? _exploration;
    private IReadOnlyList<LineageNode> _suggestions = [];
    private LineageDirection _direction;
    private string? _problem, _depthNotice, _selected;
    private bool _loaded, _timeline;

    private IEnumerable<string> Notices
    {
        get
        {
            if (_exploration is null) yield break;
            if (_depthNotice is not null) yield return _depthNotice;
            if (_exploration.First.DepthCapped) yield return $"Depth capped at {_exploration.First.Depth}: the portal walks at most {Options.MaxDepth} hops at once.";
            if (_exploration.Truncated) yield return $"Truncated at {Options.MaxNodes:N0} nodes: the nearest are shown; expand a node or start from a nearer one to see more.";
            var groups = _exploration.View.Groups.Count;
            if (groups > 0) yield return $"{groups} group(s) of more than {_exploration.Threshold} siblings are drawn as one node each; select one to list its members."
                + (_exploration.View.HiddenBeyondGroups > 0 ? $" {_exploration.View.HiddenBeyondGroups:N0} node(s) beyond them are not drawn." : "");
            if (_exploration.View.BeyondDrawLimit > 0)
                yield return $"The {_exploration.View.BeyondDrawLimit:N0} farthest node(s) are not drawn: the page draws at most {LineageGrouping.DefaultMaxDrawn:N0}. Lower the depth or expand nodes one by one.";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        (_exploration, _problem, _depthNotice, _selected, _loaded) = (null, null, null, null, false);
        if (string.IsNullOrWhiteSpace(Type) || string.IsNullOrWhiteSpace(Id))
        {
            // No node asked for: the picker alone.
        }
        else if (!LineageNodeTypes.IsKnown(Type)) _problem = $"'{Type}' is not a node type; use one of {string.Join(", ", LineageNodeTypes.All)}.";
        else if (LineageDirections.Parse(Direction) is not { } direction) _problem = $"'{Direction}' is not a direction; use upstream, downstream or both.";
        else
        {
            _direction = direction;
            var graph = await Store.GraphAsync(Type, Id, direction, ParseDepth());
            if (graph is null) _problem = $"No {Type} '{Id}' is known to lineage: nothing was recorded about it.";
            else _exploration = new LineageExploration(graph);
        }
        if (_exploration is null) _suggestions = await Store.RecentAsync(SuggestionCount);
        _loaded = true;
    }

    /// <summary>One hop unless asked otherwise; a depth that is not a whole number of at least one is said so and read as one.</summary>
    private int ParseDepth()
    {
        if (string.IsNullOrEmpty(Depth)) return 1;
        if (int.TryParse(Depth, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth >= 1) return depth;
        if (Depth.Length > 0 && Depth.All(char.IsAsciiDigit)) return Options.MaxDepth + 1; // too large for an int: capped like any other
        _depthNotice = $"'{Depth}' is not a depth (a whole number of hops, at least 1): showing one hop.";
        return 1;
    }

    private void Select(string key) => _selected = key;

    /// <summary>A node: its one-hop neighbourhood is merged in and drawn. A group: selected, so its members are listed.</summary>
    private async Task ExpandAsync(string key)
    {
        if (_exploration is null) return;
        _selected = key;
        var node = _exploration.Node(key);
        if (node is null || node.Group || _exploration.WasExpanded(key)) return;
        var answer = await Store.GraphAsync(node.Type, node.Id, LineageDirection.Both, 1);
        if (answer is null) _exploration.Pin(key);
        else _exploration.Expand(key, answer);
    }

    private void DirectionChanged(LineageDirection direction) => Reload(direction, _exploration?.First.Depth ?? 1);

    private void DepthChanged(int depth) => Reload(_direction, depth);

    private void Reload(LineageDirection direction, int depth) =>
        Navigation.NavigateTo(LineageLinks.Graph(_exploration!.First.Start.Type, _exploration.First.Start.Id, direction, depth));

    private string? TimeSpan()
    {
        var times = _exploration!.View.Edges.Where(e => e.At is not null).Select(e => e.At!.Value).ToList();
        if (times.Count == 0) return null;
        static string T(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{T(times.Min())} to {T(times.Max())} UTC";
    }
}
