using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Pages;

/// <summary>
/// The customers table: one page at a time from the host, filtered, sorted and counted in the store, with the scores
/// of the bound deployment's main version (cached per snapshot and version; a page the cache lacks is scored for the
/// answer). A stopped or failing deployment is said in words and the cached scores stay usable.
/// </summary>
public sealed partial class ChurnExplorerPage
{
    /// <summary>The at-risk export stops here: a list longer than this is a mailing, not a call list.</summary>
    public const int MaxExportRows = 10_000;

    internal static readonly IReadOnlyList<(string Column, string Label)> Columns =
    [
        (TelcoColumns.Contract, "Contract"), (TelcoColumns.Tenure, "Tenure"), (TelcoColumns.InternetService, "Internet"),
        (TelcoColumns.PaymentMethod, "Payment"), (TelcoColumns.MonthlyCharges, "Monthly charges"),
    ];

    [Inject] private IAppHost Host { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private MudTable<AppScoredRow>? _table;
    private IReadOnlyList<AppSnapshot>? _snapshots;
    private IReadOnlyList<AppInputHint> _hints = [];
    private RiskBands? _bands;
    private long _snapshotId;
    private ExplorerFilter _filter = new();
    private AppRowPage? _page;
    private bool _pii;
    private bool _exporting;
    private string? _problem;
    private string? _serving;

    protected override async Task OnInitializedAsync()
    {
        var deployment = await Host.DeploymentAsync(ChurnExplorerApp.AppId);
        if (deployment?.Versions.FirstOrDefault() is not { } version)
        {
            _problem = "This app is not bound to a deployment that serves a model yet: a data scientist or an administrator binds it on the Apps page.";
            return;
        }
        _bands = new RiskBands(version.Threshold);
        _pii = await Host.CanSeePersonalDataAsync();
        _snapshots = await Host.SnapshotsAsync(ChurnExplorerApp.AppId);
        if (_snapshots.Count == 0)
        {
            _problem = $"{version.Label} names no dataset snapshot it was trained on, so there are no customers to list.";
            return;
        }
        _snapshotId = _snapshots[0].Id;
        if (!deployment.Serving) _serving = $"Deployment {deployment.Name} is {deployment.Status}: cached scores are shown; customers not scored yet cannot be.";
        try
        {
            _hints = await Host.InputsAsync(ChurnExplorerApp.AppId);
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message;
        }
    }

    private async Task<TableData<AppScoredRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var sort = state.SortDirection == SortDirection.None || string.IsNullOrEmpty(state.SortLabel) ? null : state.SortLabel;
        var query = _filter.ToQuery(_bands!, sort, state.SortDirection == SortDirection.Descending, state.Page * state.PageSize, state.PageSize);
        try
        {
            _page = await Host.RowsAsync(ChurnExplorerApp.AppId, _snapshotId, query, ct);
            StateHasChanged();
            return new TableData<AppScoredRow> { Items = _page.Rows, TotalItems = (int)Math.Min(_page.Total, int.MaxValue) };
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message + " Customers already scored can still be listed: filter by a risk band or sort by churn probability.";
            StateHasChanged();
            return new TableData<AppScoredRow> { Items = [], TotalItems = 0 };
        }
    }

    private string Status => _page is null ? "Loading…"
        : (_page.FullyScored
            ? $"{_page.Total:N0} customers match; scores by {_page.ModelVersion}"
            : $"{_page.Total:N0} customers match; {_page.Scored:N0} of {_page.SnapshotRows:N0} scored by {_page.ModelVersion} so far, the rest in the background "
              + "(risk counts, risk filters and the probability sort cover the scored ones)")
          + (_page.ScoredAt is { } at ? $"; cached scores from {at:yyyy-MM-dd HH:mm} UTC." : ".");

    private Task SnapshotChangedAsync(long id)
    {
        _snapshotId = id;
        return ReloadAsync();
    }

    private Task FilterChangedAsync(ExplorerFilter filter)
    {
        _filter = filter;
        return ReloadAsync();
    }

    private Task BandSelectedAsync(RiskBand band) => FilterChangedAsync(_filter with { Band = _filter.Band == band ? null : band });

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private string CustomerHref(AppScoredRow row) => $"/apps/churn-explorer/customers/{_snapshotId}/{row.RowId}";

    private void Open(AppScoredRow row) => Navigation.NavigateTo(CustomerHref(row));

    private string CustomerText(AppScoredRow row)
    {
        var id = row.Values.GetValueOrDefault(TelcoColumns.CustomerId)?.ToString() ?? $"row {row.RowId}";
        return _pii ? id : PersonalData.Mask(id);
    }

    private static string Cell(AppScoredRow row, string column) => row.Values.GetValueOrDefault(column) switch
    {
        double d => d.ToString("N2", CultureInfo.CurrentCulture),
        null => "–",
        var v => v.ToString() ?? "",
    };

    /// <summary>The high-risk customers under the current filters, likeliest first, as a formula-safe CSV file.</summary>
    private async Task ExportAsync()
    {
        _exporting = true;
        try
        {
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            var filter = _filter with { Band = RiskBand.High };
            while (rows.Count < MaxExportRows)
            {
                var query = filter.ToQuery(_bands!, AppRowQuery.ProbabilitySort, true, rows.Count, Math.Min(AppRowQuery.MaxLimit, MaxExportRows - rows.Count));
                var page = await Host.RowsAsync(ChurnExplorerApp.AppId, _snapshotId, query);
                rows.AddRange(page.Rows.Select(ExportRow));
                if (page.Rows.Count < query.Limit) break;
            }
            var text = new StringWriter(CultureInfo.InvariantCulture);
            AtRiskCsv.Write(text, [TelcoColumns.CustomerId, .. Columns.Select(c => c.Column), "churn_probability"], rows);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            using var reference = new DotNetStreamReference(stream);
            await using var module = await Js.InvokeAsync<IJSObjectReference>("import", "./_content/Telco.Apps.ChurnExplorer/download.js");
            await module.InvokeVoidAsync("saveFile", $"at-risk-customers-{_snapshotId}.csv", reference);
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message;
        }
        finally
        {
            _exporting = false;
        }
    }

    private IReadOnlyDictionary<string, object?> ExportRow(AppScoredRow row)
    {
        var values = Columns.ToDictionary(c => c.Column, c => row.Values.GetValueOrDefault(c.Column));
        values[TelcoColumns.CustomerId] = CustomerText(row);
        values["churn_probability"] = Math.Round(row.Probability, 4);
        return values;
    }
}
