using MudBlazor;

namespace Telco.InsightPortal.Web.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#0b5cab", Secondary = "#00897b", AppbarBackground = "#0b3d6e" },
        PaletteDark = new PaletteDark { Primary = "#64a8f0", Secondary = "#4db6ac" },
    };
}
