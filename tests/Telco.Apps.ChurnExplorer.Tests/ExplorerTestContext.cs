using Bunit;
using MudBlazor.Services;

namespace Telco.Apps.ChurnExplorer.Tests;

/// <summary>MudBlazor with loose JS interop; bUnit 2's context is disposed asynchronously, as MudBlazor's services need.</summary>
public abstract class ExplorerTestContext : BunitContext, IAsyncLifetime
{
    protected ExplorerTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
}
