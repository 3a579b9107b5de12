using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Dashboards.Pages;

public partial class ChartBuilderDialog
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter] public string? Spec { get; set; }
    [Parameter] public bool CanSeePii { get; set; }
    [Inject] private DatasetStore Datasets { get; set; } = default!;
    [Inject] private DashboardQueries Queries { get; set; } = default!;

    private ChartDraft _draft = new();
    private IReadOnlyList<ChartFilter> _keptFilters = [];
    private IReadOnlyList<Dataset> _datasets = [];
    private IReadOnlyList<Snapshot> _snapshots = [];
    private IReadOnlyList<DatasetColumn> _fields = [];
    private TileAnswer? _preview;
    private string? _problem;
    private string _json = "";
    private int _tab;

    protected override async Task OnInitializedAsync()
    {
        _datasets = await Datasets.ListAsync();
        if (Spec is not null)
        {
            var spec = ChartSpecParser.Parse(Spec);
            (_draft, _keptFilters, _json) = (ChartDraft.From(spec), spec.Filters, Spec);
        }
        else if (_datasets.Count > 0)
        {
            _draft.Dataset = _datasets[0].Name;
        }
        await LoadFieldsAsync();
    }

    private async Task DatasetChangedAsync(string name)
    {
        (_draft.Dataset, _draft.Snapshot, _draft.X, _draft.Group) = (name, null, null, null);
        await LoadFieldsAsync();
    }

    /// <summary>The dataset's fields, personal-data ones only for roles that may see them (the query refuses them too).</summary>
    private async Task LoadFieldsAsync()
    {
        var dataset = _datasets.FirstOrDefault(d => d.Name == _draft.Dataset);
        _fields = dataset is null ? [] : dataset.Schema.Columns.Where(c => CanSeePii || !c.Pii).ToList();
        _snapshots = dataset is null ? [] : await Datasets.SnapshotsAsync(dataset.Id);
    }

    /// <summary>The spec from the tab in use; the JSON tab's text goes through the same parser as the API.</summary>
    private ChartSpec? Current()
    {
        try
        {
            _problem = null;
            return _tab == 1 ? ChartSpecParser.Parse(_json) : _draft.ToSpec() with { Filters = _keptFilters };
        }
        catch (Exception e) when (e is PortalException or KeyNotFoundException or FormatException)
        {
            _problem = e.Message;
            return null;
        }
    }

    private async Task PreviewAsync()
    {
        if (Current() is not { } spec) return;
        _preview = await Queries.RunAsync(spec, [], CanSeePii);
        _problem = _preview.Error;
        if (_tab == 0) _json = ChartSpecWriter.Write(spec);
    }

    /// <summary>Closes only on a spec that runs: the preview is the check, so a broken chart is never added.</summary>
    private async Task DoneAsync()
    {
        await PreviewAsync();
        if (_problem is null && _preview?.Spec is not null) Dialog.Close(DialogResult.Ok(Current()!));
    }
}
