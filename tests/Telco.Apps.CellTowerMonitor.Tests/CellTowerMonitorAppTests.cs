using MudBlazor;

namespace Telco.Apps.CellTowerMonitor.Tests;

public sealed class CellTowerMonitorAppTests
{
    [Fact]
    public void TheDescriptorNamesTheAppItsRoleAndTheInputsItReads()
    {
        var app = new CellTowerMonitorApp();

        Assert.Equal(("cell-tower-monitor", "Cell Tower Monitor", "BusinessUser"), (app.Id, app.Name, app.RequiredRole));
        Assert.Equal(Icons.Material.Filled.CellTower, app.Icon);
        Assert.Equal(
            ["manufacturer:text", "event_type:text", "longitude:number", "latitude:number", "iot_signal_1:number", "iot_signal_2:number",
             "iot_signal_3:number", "iot_signal_4:number", "signal_score:number"],
            app.RequiredInputs.Select(i => $"{i.Name}:{i.Type}"));
    }

    [Fact]
    public void TheLabelIsNotSentToBeExplained()
    {
        var latest = HandWorkedFleet.Rows()[5];

        var inputs = CellTowerColumns.ModelInputs(latest.Values);

        Assert.DoesNotContain("cell_tower_failure", inputs.Keys);
        Assert.Equal(latest.Values.Count - 1, inputs.Count);
        Assert.Equal("0xa", inputs["device_id"]);
    }
}
