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

    /// <summary>The colours of the bands, shared by the map's colour scale and the table's chips.</summary>
    public static string Colour(RiskBand band) => band switch
    {
        RiskBand.High => "#c62828",
        RiskBand.Watch => "#f9a825",
        _ => "#2e7d32",
    };
}
