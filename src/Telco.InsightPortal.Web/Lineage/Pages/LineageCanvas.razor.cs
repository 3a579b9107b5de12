using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Telco.InsightPortal.Core.Lineage;

namespace Telco.InsightPortal.Web.Lineage.Pages;

/// <summary>
/// Hands the view to <c>js/lineage-graph.js</c> as data (never markup: labels are drawn as text on a canvas) and turns
/// the drawing's taps back into events. Redraws when the view or the mode changes, highlights when the selection does.
/// </summary>
public sealed partial class LineageCanvas : IAsyncDisposable
{
    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Parameter, EditorRequired] public required LineageView View { get; set; }
    [Parameter, EditorRequired] public required string StartKey { get; set; }
    [Parameter] public string? Selected { get; set; }
    [Parameter] public bool Timeline { get; set; }
    [Parameter] public EventCallback<string> OnSelect { get; set; }
    [Parameter] public EventCallback<string> OnExpand { get; set; }

    private ElementReference _element;
    private IJSObjectReference? _module, _graph;
    private DotNetObjectReference<LineageCanvas>? _self;
    private LineageView? _drawn;
    private string? _highlighted;
    private bool? _timeline;
    private string? _failure;

    private string AriaLabel => $"Lineage graph of {View.Nodes.Count} nodes and {View.Edges.Count} edges";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                _self = DotNetObjectReference.Create(this);
                _module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/lineage-graph.js");
                // Null only where no browser answers (a test's loose JS runtime).
                if (_module is not null) _graph = await _module.InvokeAsync<IJSObjectReference>("create", _element, _self);
            }
            if (_graph is null) return;
            if (_timeline != Timeline)
            {
                _timeline = Timeline;
                await _graph.InvokeVoidAsync("setMode", Timeline ? "timeline" : "flow");
            }
            if (!ReferenceEquals(_drawn, View))
            {
                (_drawn, _highlighted) = (View, Selected);
                await _graph.InvokeVoidAsync("draw", Drawing());
            }
            else if (_highlighted != Selected)
            {
                _highlighted = Selected;
                await _graph.InvokeVoidAsync("select", Selected);
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while drawing: nothing is left to draw on.
        }
        catch (JSException e)
        {
            // The drawing failed in the browser (a script that did not load): say so, keep the page and its side panel.
            _failure = "The graph could not be drawn: " + e.Message;
            StateHasChanged();
        }
    }

    [JSInvokable] public Task NodeSelected(string key) => OnSelect.InvokeAsync(key);

    [JSInvokable] public Task NodeExpanded(string key) => OnExpand.InvokeAsync(key);

    private async Task FitAsync()
    {
        if (_graph is not null) await _graph.InvokeVoidAsync("fit");
    }

    private async Task ZoomAsync(double factor)
    {
        if (_graph is not null) await _graph.InvokeVoidAsync("zoom", factor);
    }

    private object Drawing() => new
    {
        start = StartKey,
        selected = Selected,
        nodes = View.Nodes.Select(n => new { key = n.Key, type = n.Type, id = n.Id, label = n.Label, group = n.Group }),
        edges = View.Edges.Select(e => new { from = e.From, to = e.To, kind = e.Kind, at = e.At }),
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_graph is not null)
            {
                await _graph.InvokeVoidAsync("dispose");
                await _graph.DisposeAsync();
            }
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and the drawing with it.
        }
        _self?.Dispose();
    }
}
