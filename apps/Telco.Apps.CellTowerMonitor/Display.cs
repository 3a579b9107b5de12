namespace Telco.Apps.CellTowerMonitor;

/// <summary>How the app writes its numbers, the same in every component and every test.</summary>
public static class Display
{
    public static string Probability(double p) => p.ToString("0.000");

    public static string Percent(double? ratio) => ratio is { } r ? r.ToString("P1") : "–";

    public static string Count(long n) => n.ToString("N0");
}
