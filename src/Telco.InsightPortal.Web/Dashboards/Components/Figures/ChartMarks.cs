using System.Text.Json;
using Plotly.Blazor.Interop;

namespace Telco.InsightPortal.Web.Dashboards.Components.Figures;

/// <summary>Turns Plotly's click point into a <see cref="ChartMark"/> through the figure's <see cref="MarkMap"/>.</summary>
public static class ChartMarks
{
    /// <summary>Null when the point matches nothing drawn (a stale figure, an index out of range).</summary>
    public static ChartMark? From(MarkMap map, EventDataPoint point, bool additive)
    {
        if (point.TraceIndex < 0 || point.TraceIndex >= map.Traces.Count) return null;
        var trace = map.Traces[point.TraceIndex];
        if (trace.Rows is { } rows)
        {
            // Plotly numbers a heatmap's cell [row, column] (z[row][column]).
            if (Pair(point.PointIndex ?? point.PointNumber) is not (int row, int column)
                || row < 0 || row >= rows.Count || column < 0 || column >= trace.X.Count) return null;
            return new ChartMark(map.XField, trace.X[column], additive) { Group = new MarkedValue(map.GroupField!, rows[row]) };
        }
        // A pie reports its slice as pointNumber; bars, lines and boxes report both.
        if ((Index(point.PointNumber) ?? Index(point.PointIndex)) is not { } i || i < 0 || i >= trace.X.Count) return null;
        var mark = new ChartMark(map.XField, trace.X[i], additive);
        return trace.Grouped && map.GroupField is { } field ? mark with { Group = new MarkedValue(field, trace.Group) } : mark;
    }

    /// <summary>An index as it arrives: a JSON number over the circuit, a plain number when a test calls.</summary>
    private static int? Index(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        int i => i,
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    private static (int, int)? Pair(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } e when e.GetArrayLength() == 2
            && Index(e[0]) is { } a && Index(e[1]) is { } b => (a, b),
        int[] { Length: 2 } p => (p[0], p[1]),
        object?[] { Length: 2 } p when Index(p[0]) is { } a && Index(p[1]) is { } b => (a, b),
        _ => null,
    };
}
