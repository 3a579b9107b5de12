namespace Telco.Apps.ChurnExplorer;

/// <summary>How likely a customer is to leave, relative to the decision threshold; lowest first, as the store counts.</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
}
