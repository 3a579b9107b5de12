namespace Telco.InsightPortal.Core.Lineage;

/// <summary>Which way a graph is walked from its start node: towards what it came from, what depends on it, or both.</summary>
public enum LineageDirection { Upstream, Downstream, Both }

public static class LineageDirections
{
    /// <summary>The API's words (upstream, downstream, both); null for anything else. A missing value means both.</summary>
    public static LineageDirection? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "both" => LineageDirection.Both,
        "upstream" => LineageDirection.Upstream,
        "downstream" => LineageDirection.Downstream,
        _ => null,
    };

    public static string Word(this LineageDirection direction) => direction.ToString().ToLowerInvariant();
}
