using System.Globalization;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Web.Dashboards.Components.Figures;

namespace Telco.InsightPortal.Web.Dashboards.Components;

public enum KpiTrend { None, Up, Down, Flat }

/// <summary>One KPI number as text: its measure's name, its value and, when the result has the measure's "previous"
/// column (the prior snapshot or period), that value and the change in percent.</summary>
public sealed record KpiReading(string Label, string Value, string? Previous, string? Change, KpiTrend Trend)
{
    /// <summary>One reading per measure of the result's single row; none for an empty result.</summary>
    public static IReadOnlyList<KpiReading> Of(ChartResult result)
    {
        if (result.Rows.Count == 0) return [];
        var row = result.Rows[0];
        var columns = ResultColumns.Of(result);
        return [.. columns.Measures.Select((m, i) =>
        {
            var value = row[m];
            if (i >= columns.Previous.Count) return new KpiReading(result.Columns[m].Name, ValueText.Format(value), null, null, KpiTrend.None);
            var previous = row[columns.Previous[i]];
            var (change, trend) = Compare(ValueText.Number(value), ValueText.Number(previous));
            return new KpiReading(result.Columns[m].Name, ValueText.Format(value), ValueText.Format(previous), change, trend);
        })];
    }

    /// <summary>"+12.5 %" or "−3.0 %"; no percentage from a previous value of zero (or a missing one).</summary>
    public static (string? Change, KpiTrend Trend) Compare(double? value, double? previous)
    {
        if (value is not { } v || previous is not { } p) return (null, KpiTrend.None);
        var trend = v > p ? KpiTrend.Up : v < p ? KpiTrend.Down : KpiTrend.Flat;
        if (p == 0) return (null, trend);
        var percent = (v - p) / Math.Abs(p) * 100;
        var text = Math.Abs(percent).ToString("#,0.0", CultureInfo.InvariantCulture) + " %";
        return (trend switch { KpiTrend.Up => "+" + text, KpiTrend.Down => "−" + text, _ => text }, trend);
    }
}
