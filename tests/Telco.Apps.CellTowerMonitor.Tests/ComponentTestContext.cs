using Bunit;
using MudBlazor.Services;
using Telco.InsightPortal.UI;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>
/// MudBlazor with loose JS interop and the charts stubbed, so a test reads what a chart was given rather than drive
/// Plotly. Disposed asynchronously: MudBlazor's components dispose asynchronously and a synchronous dispose throws.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        ComponentFactories.AddStub<ScatterChart>();
        ComponentFactories.AddStub<BarChart>();
        ComponentFactories.AddStub<LineChart>();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
}
