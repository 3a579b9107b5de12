using MudBlazor;

namespace Telco.Apps.ChurnExplorer.Components;

/// <summary>One colour per band wherever a band is shown, so the gauge and the band chips agree.</summary>
internal static class RiskBandColor
{
    public static Color Of(RiskBand band) => band switch
    {
        RiskBand.High => Color.Error,
        RiskBand.Medium => Color.Warning,
        _ => Color.Success,
    };
}
