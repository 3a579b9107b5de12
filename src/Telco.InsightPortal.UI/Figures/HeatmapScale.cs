namespace Telco.InsightPortal.UI.Figures;

/// <summary>
/// How a heatmap colours and labels its cells. <see cref="Counts"/> is the confusion matrix's (more is darker, each
/// cell its count and share); <see cref="Thresholds"/> fixes the colour to known levels (PSI: green under the warn
/// level, amber to the alert level, red past it) so one window's colour means the same on every page. A NaN cell has no
/// value (too few rows): blank, labelled "—".
/// </summary>
public sealed record HeatmapScale(object ColorScale, bool Reverse, double? Min, double? Max, Func<double, double, string> Text)
{
    public static readonly HeatmapScale Counts = new("Blues", true, null, null, HeatmapFigure.CellText);

    /// <summary>A green–amber–red scale from 0 to 2 × <paramref name="alert"/>, turning amber at <paramref name="warn"/>
    /// and red at <paramref name="alert"/>; cells show the value to three places.</summary>
    public static HeatmapScale Thresholds(double warn, double alert)
    {
        var max = 2 * alert;
        return new HeatmapScale(new List<object>
        {
            new List<object> { 0.0, "#2e7d32" },
            new List<object> { warn / max, "#9ccc65" },
            new List<object> { warn / max + 1e-6, "#f9a825" },
            new List<object> { alert / max, "#ef6c00" },
            new List<object> { alert / max + 1e-6, "#c62828" },
            new List<object> { 1.0, "#7f0000" },
        }, false, 0, max, (v, _) => v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
    }
}
