using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using MudBlazor;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Security;

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

    /// <summary>What pages that write need to say who acts: the circuit's client (as the host captures it from the HTTP
    /// request), the actor accessor over it, and the circuit's authorization check.</summary>
    protected void AddCircuitActor()
    {
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddSingleton(new AuditCircuitClient { Info = new AuditClientInfo("127.0.0.1", "bunit", null) });
        Services.AddScoped<IAuditActorAccessor, AuditActorAccessor>();
        Services.AddScoped<CircuitAuthorization>();
    }

    /// <summary>MudBlazor's popovers and dialogs live in providers that the layout normally renders.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;
}
