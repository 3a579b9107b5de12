using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// Risk bands from the decision threshold saved on the served version: at or above it the model says "act" (High);
/// from half of it up a tower is worth watching, because a few bad events move it over; below that it is Low. Deriving
/// the bands from the saved threshold keeps the map, the table and serving's own labels in agreement.
/// </summary>
public sealed record RiskBands(double Threshold)
{
    public double WatchFrom => Threshold / 2;

    public RiskBand Of(double probability) =>
        probability >= Threshold ? RiskBand.High
        : probability >= WatchFrom ? RiskBand.Watch
        : RiskBand.Low;

    public static string Name(RiskBand band) => band switch
    {
        RiskBand.High => "High",
        RiskBand.Watch => "Watch",
        _ => "Low",
    };

    /// <summary>The table's chip colour: the hues of the map's scale (green, amber, red).</summary>
    public static MudBlazor.Color ChipColour(RiskBand band) => band switch
    {
        RiskBand.High => MudBlazor.Color.Error,
        RiskBand.Watch => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Success,
    };

    /// <summary>
    /// The map's colour scale over probabilities 0 to 1: each band in its own hue, so a marker's colour names its band
    /// as the table's chip does, and within a band lighter to darker toward the next one, so the hover is not the only
    /// way to tell 0.55 from 0.95.
    /// </summary>
    public IReadOnlyList<ColourStop> ColourScale() =>
    [
        new(0, "#1b5e20"), new(WatchFrom, "#a5d6a7"),
        new(WatchFrom, "#ffe082"), new(Threshold, "#ff8f00"),
        new(Threshold, "#e53935"), new(1, "#7f0000"),
    ];
}
