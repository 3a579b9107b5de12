namespace Telco.InsightPortal.Web.Dashboards.Components;

/// <summary>A field and one of its values as the chart's rows held it: long, double, string, UTC DateTimeOffset or null.</summary>
public sealed record MarkedValue(string Field, object? Value);

/// <summary>
/// A clicked bar, slice, point, box or cell: the x field and the x value under it, and <see cref="Group"/> when the
/// mark belongs to a group series (or a heatmap row). For a binned x, <see cref="Value"/> is the bin's start (a number,
/// or the first instant of the day, week or month); the spec's bin gives the width.
/// Plotly's click event reports points, not the mouse event, so the chart cannot see a Shift or Ctrl key:
/// <see cref="Additive"/> is whatever the dashboard set on the chart (say, from an "add to filters" toggle).
/// </summary>
public sealed record ChartMark(string Field, object? Value, bool Additive)
{
    public MarkedValue? Group { get; init; }

    /// <summary>Every (field, value) pair the mark stands for: the x one, then the group one if any.</summary>
    public IReadOnlyList<MarkedValue> Values => Group is null ? [new(Field, Value)] : [new(Field, Value), Group];
}
