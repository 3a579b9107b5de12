using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>An experiment's runs, searched and sorted by the store (MLflow filter and order_by) and paged with
/// its page tokens: the page keeps the tokens it came through so it can go back. Runs the portal is training
/// show their progress as the worker pushes it; when one ends, the page is read again.</summary>
public sealed partial class ExperimentRunsPage : IDisposable
{
    public const int PageSize = 25;

    private static readonly IReadOnlyList<(string Value, string Text)> SortOptions =
    [
        ("attributes.start_time DESC", "Newest first"),
        ("metrics.roc_auc DESC", "ROC AUC (best first)"),
        ("metrics.pr_auc DESC", "PR AUC (best first)"),
        ("metrics.f1 DESC", "F1 (best first)"),
        ("metrics.log_loss ASC", "Log loss (best first)"),
    ];

    [Parameter] public long Id { get; set; }
    [Inject] private TrackingStore Tracking { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private RunProgress Progress { get; set; } = default!;

    private Experiment? _experiment;
    private bool _loaded;
    private List<BreadcrumbItem> _crumbs = [];
    private string? _filter;
    private string _orderBy = SortOptions[0].Value;
    private string? _appliedFilter;
    private string? _pageToken;
    private readonly Stack<string?> _previousTokens = new();
    private RunPage? _page;
    private string? _error;
    private HashSet<Run> _selected = [];
    private Dictionary<string, RunProgressState> _progress = [];
    private IDisposable? _subscription;

    private IEnumerable<(string Value, string Text)> SortChoices =>
        SortOptions.Any(o => o.Value == _orderBy) ? SortOptions : SortOptions.Append((_orderBy, _orderBy));

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _experiment = await Tracking.GetExperimentAsync(Id);
            _columns = RunColumns.Parse(ColumnsQuery);
            _crumbs = [new("Experiments", "/experiments"), new(_experiment.Name, null, disabled: true)];
            await LoadAsync();
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.NotFound)
        {
            _experiment = null;
        }
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        try
        {
            _page = await Tracking.SearchRunsAsync([Id], _appliedFilter, ViewType.ActiveOnly, PageSize, [_orderBy], _pageToken);
            _error = null;
            _available = RunColumns.Available(_page.Runs, _columns);
            _progress = _page.Runs.Select(r => Progress.Current(r.Info.RunId)).OfType<RunProgressState>().ToDictionary(p => p.RunId);
        }
        catch (TrackingException e) when (e.ErrorCode == TrackingErrors.InvalidParameter)
        {
            _error = e.Message;
            _page = null;
        }
    }

    private async Task SearchAsync()
    {
        _appliedFilter = string.IsNullOrWhiteSpace(_filter) ? null : _filter.Trim();
        await FirstPageAsync();
    }

    private async Task OnFilterKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await SearchAsync();
    }

    private void OnProgress(RunProgressState state)
    {
        if (_page?.Runs.Any(r => r.Info.RunId == state.RunId) != true) return;
        _ = InvokeAsync(async () =>
        {
            if (state.IsActive) _progress[state.RunId] = state;
            else await LoadAsync();
            StateHasChanged();
        });
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task SortAsync(string orderBy)
    {
        _orderBy = orderBy;
        await FirstPageAsync();
    }

    private async Task FirstPageAsync()
    {
        _pageToken = null;
        _previousTokens.Clear();
        _selected = [];
        await LoadAsync();
    }

    private async Task NextAsync()
    {
        if (_page?.NextPageToken is not { } next) return;
        _previousTokens.Push(_pageToken);
        _pageToken = next;
        await LoadAsync();
    }

    private async Task PreviousAsync()
    {
        if (_previousTokens.Count == 0) return;
        _pageToken = _previousTokens.Pop();
        await LoadAsync();
    }

    private void Compare()
    {
        if (_selected.Count >= 2) Navigation.NavigateTo(ExperimentLinks.Compare(_selected.Select(r => r.Info.RunId)));
    }
}
