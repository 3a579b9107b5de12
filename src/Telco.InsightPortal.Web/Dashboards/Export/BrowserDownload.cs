using Microsoft.JSInterop;

namespace Telco.InsightPortal.Web.Dashboards.Export;

/// <summary>
/// Saves bytes as a file in the browser through the portal's one download module, the Churn Explorer's download.js
/// (a stream reference read into a blob; served from this origin, so the CSP's script-src 'self' allows it). The Web
/// project already hosts that app; moving the module to a shared library is left to its owner.
/// </summary>
public sealed class BrowserDownload(IJSRuntime js)
{
    public const string Module = "./_content/Telco.Apps.ChurnExplorer/download.js";

    public async Task SaveAsync(string fileName, byte[] content)
    {
        using var stream = new MemoryStream(content);
        await SaveAsync(fileName, stream);
    }

    /// <summary>Streams <paramref name="content"/> to the browser from its current position (a pack in a temporary
    /// file need not be read into memory first).</summary>
    public async Task SaveAsync(string fileName, Stream content)
    {
        using var reference = new DotNetStreamReference(content, leaveOpen: true);
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", Module);
        await module.InvokeVoidAsync("saveFile", fileName, reference);
    }
}
