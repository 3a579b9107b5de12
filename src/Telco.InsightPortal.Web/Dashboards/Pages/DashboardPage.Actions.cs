using MudBlazor;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Dashboards.Pages;

/// <summary>The toolbar's actions on the whole dashboard, and drilling from a mark to its rows.</summary>
public partial class DashboardPage
{
    private async Task ShareAsync()
    {
        var parameters = new DialogParameters<ShareDialog> { { d => d.Shares, _view!.Shares } };
        var dialog = await Dialogs.ShowAsync<ShareDialog>("Share", parameters);
        if (await dialog.Result is not { Canceled: false, Data: IReadOnlyList<DashboardShare> shares }) return;
        await RunAsync(async () =>
        {
            await Dashboards.ShareAsync(Id, shares, (await Auth).User, await Actor.GetCurrentAsync());
            _view = _view! with { Shares = shares };
            Snackbar.Add(shares.Count == 0 ? "No longer shared." : $"Shared with {shares.Count} role(s) or people.", Severity.Success);
        });
    }

    private async Task HistoryAsync()
    {
        var versions = await Dashboards.VersionsAsync(Id, (await Auth).User);
        var parameters = new DialogParameters<VersionsDialog> { { d => d.Versions, versions }, { d => d.CanRestore, _view!.CanEdit } };
        var dialog = await Dialogs.ShowAsync<VersionsDialog>("Version history", parameters);
        if (await dialog.Result is not { Canceled: false, Data: long version }) return;
        await RunAsync(async () =>
        {
            Load(await Dashboards.RestoreAsync(Id, version, (await Auth).User, await Actor.GetCurrentAsync()));
            Snackbar.Add($"Version {version} restored as version {_view!.Record.Version}.", Severity.Success);
        });
    }

    private Task DuplicateAsync() => RunAsync(async () =>
    {
        var copy = await Dashboards.DuplicateAsync(Id, (await Auth).User, await Actor.GetCurrentAsync());
        Navigation.NavigateTo($"/dashboards/{copy.Record.Id}");
    });

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete dashboard", $"Delete '{_view!.Record.Name}' and its {_view.Record.Version} version(s)?",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Dashboards.DeleteAsync(Id, (await Auth).User, await Actor.GetCurrentAsync());
            Navigation.NavigateTo("/dashboards");
        });
    }

    private async Task DrillAsync(ChartTile chart, ChartMark mark)
    {
        var spec = ChartSpecParser.Parse(chart.Spec);
        var pieces = CrossFilters.Add([], chart.Id, spec, mark).Select(c => c.Filter);
        var drill = DashboardQueries.DrillSpec(spec with { Title = chart.Title }, pieces);
        var parameters = new DialogParameters<RowsDialog> { { d => d.Spec, drill }, { d => d.Filters, Filters(chart.Id) }, { d => d.CanSeePii, _canSeePii } };
        await Dialogs.ShowAsync<RowsDialog>(drill.Title, parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (PortalException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }
}
