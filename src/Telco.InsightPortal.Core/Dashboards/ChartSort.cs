namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>Sort by the x value (<see cref="X"/>), by measure <see cref="Measure"/> (an index into the measures), or by
/// a field (<see cref="Field"/>: the x or group field of an aggregated chart, any field of a table).</summary>
public sealed record ChartSort(bool X, int? Measure, string? Field, bool Desc)
{
    public const string ByX = "x";

    public static ChartSort OfX(bool desc = false) => new(true, null, null, desc);

    public static ChartSort OfMeasure(int index, bool desc = false) => new(false, index, null, desc);

    public static ChartSort OfField(string field, bool desc = false) => new(false, null, field, desc);
}
