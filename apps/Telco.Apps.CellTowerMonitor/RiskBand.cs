namespace Telco.Apps.CellTowerMonitor;

/// <summary>How urgently a tower needs attention, from its failure probability against the saved threshold.</summary>
public enum RiskBand
{
    Low,
    Watch,
    High,
}
