using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>The chosen columns live in the URL (<c>?cols=</c>), so a view can be shared and the back button
/// undoes a change; the browser's storage remembers the last choice per experiment for the next visit.</summary>
public sealed partial class ExperimentRunsPage
{
    [SupplyParameterFromQuery(Name = "cols")] public string? ColumnsQuery { get; set; }
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private IReadOnlyList<string> _columns = RunColumns.Default;
    private IReadOnlyList<string> _available = [];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not while prerendering: watching and the browser's storage belong to the interactive circuit.
        if (!firstRender) return;
        _subscription = Progress.Subscribe(OnProgress);
        if (ColumnsQuery is not null) return;
        string? stored;
        try
        {
            stored = await Js.InvokeAsync<string?>("localStorage.getItem", RunColumns.StorageKey(Id));
        }
        catch (JSException)
        {
            return; // Storage disabled: the defaults stand.
        }
        if (stored is not null) Navigation.NavigateTo(ColumnsUrl(stored), replace: true);
    }

    private async Task ChooseColumnsAsync(IReadOnlyList<string> columns)
    {
        var text = RunColumns.Format(columns);
        try
        {
            await Js.InvokeVoidAsync("localStorage.setItem", RunColumns.StorageKey(Id), text);
        }
        catch (JSException)
        {
            // Storage full or disabled: the URL still holds the choice.
        }
        Navigation.NavigateTo(ColumnsUrl(text));
    }

    private string ColumnsUrl(string columns) => Navigation.GetUriWithQueryParameter("cols", columns);
}
