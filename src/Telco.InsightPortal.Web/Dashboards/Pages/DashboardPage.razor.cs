using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Dashboards.Components;

namespace Telco.InsightPortal.Web.Dashboards.Pages;

/// <summary>
/// One dashboard: its charts on a 12-column CSS grid, dashboard filters and the cross-filter chip bar. Readers
/// cross-filter, drill and export; editors switch to edit mode, where tiles are added, moved and resized with buttons
/// (keyboard-friendly, no drag code) and the document is saved as a new version.
/// </summary>
public partial class DashboardPage
{
    [Parameter] public long Id { get; set; }
    [SupplyParameterFromQuery(Name = "edit")] public int? Edit { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private DashboardService Dashboards { get; set; } = default!;
    [Inject] private DashboardQueries Queries { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private DashboardView? _view;
    private DashboardDocument _document = DashboardDocument.Empty;
    private string _name = "";
    private List<CrossFilter> _cross = [];
    private bool _editing, _dirty, _canSeePii;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            var user = (await Auth).User;
            _canSeePii = await Queries.CanSeePiiAsync(user);
            Load(await Dashboards.GetAsync(Id, user));
            _editing = Edit == 1 && _view!.CanEdit;
        }
        catch (PortalException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            _error = e.Message;
        }
    }

    private void Load(DashboardView view)
    {
        (_view, _document, _name, _dirty) = (view, view.Document, view.Record.Name, false);
    }

    private static string Place(TileLayout l) => string.Create(CultureInfo.InvariantCulture,
        $"grid-column:{l.X + 1} / span {l.W};grid-row:{l.Y + 1} / span {l.H}");

    private IReadOnlyList<ChartFilter> Filters(string chartId) =>
        [.. _document.Filters.Select(DashboardFilters.Piece), .. _cross.Where(c => c.ChartId != chartId).Select(c => c.Filter)];

    private void Mark(ChartTile chart, ChartMark mark) => _cross = CrossFilters.Add(_cross, chart.Id, ChartSpecParser.Parse(chart.Spec), mark);

    private void RemoveCross(CrossFilter piece) => _cross = _cross.Where(c => c != piece).ToList();

    private void RemoveFilter(DashboardFilter filter) => Change(_document with { Filters = _document.Filters.Where(f => f != filter).ToList() });

    private void Change(DashboardDocument document) => (_document, _dirty) = (document, true);

    private async Task SaveAsync()
    {
        try
        {
            var saved = await Dashboards.UpdateAsync(Id, new DashboardDraft(_name, _document, (int)_view!.Record.Version), (await Auth).User, await Actor.GetCurrentAsync());
            Load(saved);
            _editing = false;
            Snackbar.Add($"Saved as version {saved.Record.Version}.", Severity.Success);
        }
        catch (PortalException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task DiscardAsync()
    {
        Load(await Dashboards.GetAsync(Id, (await Auth).User));
        _editing = false;
    }

    private Task PrintAsync() => Js.InvokeVoidAsync("print").AsTask();
}
