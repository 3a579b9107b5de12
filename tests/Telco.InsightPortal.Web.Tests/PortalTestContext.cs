using Bunit;
using MudBlazor.Services;
using MudBlazor;
using Telco.InsightPortal.UI;

namespace Telco.InsightPortal.Web.Tests;

/// <summary>bUnit with MudBlazor's services, loose JS interop (MudBlazor calls into JS we don't run
/// here) and the Plotly chart stubbed: pages are tested on what they pass to the chart.</summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    static PortalTestContext()
    {
        // The whole suite shares two cores with the other test assemblies; a page that needs a store round trip can
        // take longer than bUnit's one-second default there. A failing assertion still fails, only later.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        ComponentFactories.AddStub<BarChart>();
        ComponentFactories.AddStub<LineChart>();
        ComponentFactories.AddStub<Heatmap>();
        ComponentFactories.AddStub<ParallelCoordinates>();
    }

    /// <summary>MudBlazor's popovers and dialogs live in providers that the layout normally renders.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;
}
