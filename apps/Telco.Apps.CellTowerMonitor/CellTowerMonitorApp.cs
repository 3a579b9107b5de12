using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// Cell Tower Monitor: the towers of a cell-tower IoT snapshot on a plain longitude/latitude plot, coloured by the
/// served model's failure probability, ranked by risk, with breakdowns and a drill-down into one tower's events.
/// </summary>
public sealed class CellTowerMonitorApp : IPortalApp
{
    public const string AppId = "cell-tower-monitor";

    public string Id => AppId;

    public string Name => "Cell Tower Monitor";

    public string Description => "See which cell towers are likely to fail: a map of the fleet coloured by failure risk, towers ranked for "
                                + "maintenance, and each tower's signals and the reasons behind its latest score.";

    public string Icon => Icons.Material.Filled.CellTower;

    public string RequiredRole => "BusinessUser";

    public IReadOnlyList<AppInput> RequiredInputs =>
    [
        AppInput.Text(CellTowerColumns.Manufacturer),
        AppInput.Text(CellTowerColumns.EventType),
        AppInput.Number(CellTowerColumns.Longitude),
        AppInput.Number(CellTowerColumns.Latitude),
        .. CellTowerColumns.Signals.Select(AppInput.Number),
    ];
}
