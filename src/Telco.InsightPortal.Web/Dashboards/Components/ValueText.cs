using System.Globalization;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.UI.Figures;

namespace Telco.InsightPortal.Web.Dashboards.Components;

/// <summary>How a chart shows a value, the same whatever the user's culture: numbers with invariant separators, dates
/// as yyyy-MM-dd (with the time only when there is one), a missing value as a dash.</summary>
public static class ValueText
{
    public const string Missing = "–";

    public static string Format(object? value) => value switch
    {
        null => Missing,
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        double d when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(Math.Abs(d) >= 100 ? "#,0.##" : "#,0.####", CultureInfo.InvariantCulture),
        DateTimeOffset t => Date(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Date(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A value as Plotly draws it: numbers stay numbers, dates become Plotly's date text, and text (category
    /// values, field names) is escaped, because Plotly reads a few tags (&lt;b&gt;, &lt;a href&gt;) in any label.</summary>
    public static object? Plot(object? value) => value switch
    {
        null => null,
        long or double => value,
        DateTimeOffset t => Date(t),
        _ => Label(value),
    };

    /// <summary>An x value for an axis of the column's type: on a category axis a missing value is a category of its
    /// own, "(missing)"; on a number or date axis it is left out (Plotly skips a null x).</summary>
    public static object? OnAxis(object? value, ColumnType type) => type == ColumnType.Text ? Label(value) : Plot(value);

    /// <summary>A category label, escaped for Plotly; a missing value gets a visible name rather than a gap.</summary>
    public static string Label(object? value) => ScatterFigure.Escape(value is null ? "(missing)" : Format(value));

    public static double? Number(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => null,
    };
}
