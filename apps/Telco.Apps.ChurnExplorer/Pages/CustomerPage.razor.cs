using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.ChurnExplorer.Pages;

/// <summary>
/// One customer: the probability the bound deployment gives, why (its <c>/explain</c>), what-if edits re-scored on
/// each change with the difference shown, and the cheapest retention offer under the version's decision. Every score
/// comes from the deployment; what-if rows and offer candidates go through <c>/explain</c>, so they never enter the
/// prediction log as if they were customers.
/// </summary>
public sealed partial class CustomerPage
{
    private const int TopContributions = 8;

    [Parameter] public long SnapshotId { get; set; }
    [Parameter] public long RowId { get; set; }
    [Inject] private IAppHost Host { get; set; } = default!;

    private AppScoredRow? _customer;
    private AppServedVersion? _version;
    private IReadOnlyList<AppInputHint> _hints = [];
    private IReadOnlyList<AppContribution>? _contributions;
    private IReadOnlyDictionary<string, object?>? _edited;
    private IReadOnlyDictionary<string, object?>? _editorRow;
    private double? _whatIf;
    private OfferCatalog _catalog = OfferCatalog.Default;
    private RetentionResult? _result;
    private bool _pii;
    private bool _searching;
    private string? _problem;
    private string? _serving;
    private int _whatIfTicket;

    private IReadOnlyCollection<string> Editable => _hints.Select(h => h.Name).Where(n => !TelcoColumns.Unchangeable.Contains(n)).ToList();

    /// <summary>The customer's changed inputs only: what a saved scenario keeps.</summary>
    private IReadOnlyDictionary<string, object?> Edits => _edited is null || _customer is null ? new Dictionary<string, object?>()
        : _edited.Where(e => !Equals(e.Value, _customer.Values.GetValueOrDefault(e.Key))).ToDictionary(e => e.Key, e => e.Value);

    private IReadOnlyList<BreadcrumbItem> Crumbs => [new("Churn Explorer", "/apps/churn-explorer"), new("Customer", null, disabled: true)];

    private string CustomerText
    {
        get
        {
            var id = _customer?.Values.GetValueOrDefault(TelcoColumns.CustomerId)?.ToString() ?? $"Row {RowId}";
            return _pii ? id : PersonalData.Mask(id);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var deployment = await Host.DeploymentAsync(ChurnExplorerApp.AppId);
        _version = deployment?.Versions.FirstOrDefault();
        if (_version is null)
        {
            _problem = "This app is not bound to a deployment that serves a model yet.";
            return;
        }
        _pii = await Host.CanSeePersonalDataAsync();
        if (await SavedCatalogAsync() is { } saved) _catalog = saved;
        try
        {
            var page = await Host.RowsAsync(ChurnExplorerApp.AppId, SnapshotId, new AppRowQuery { RowId = RowId, Limit = 1 });
            _customer = page.Rows.FirstOrDefault();
            if (_customer is null)
            {
                _problem = $"Snapshot {SnapshotId} has no customer at row {RowId}.";
                return;
            }
            _hints = await Host.InputsAsync(ChurnExplorerApp.AppId);
            _contributions = Top((await Host.ExplainAsync(ChurnExplorerApp.AppId, [ModelRow(_customer.Values)]))[0]);
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message;
        }
        catch (ArgumentException e)
        {
            _problem = e.Message;
        }
    }

    private async Task WhatIfAsync(IReadOnlyDictionary<string, object?> edited)
    {
        _edited = edited;
        var ticket = ++_whatIfTicket;
        try
        {
            var explanation = (await Host.ExplainAsync(ChurnExplorerApp.AppId, [ModelRow(edited)]))[0];
            if (ticket != _whatIfTicket) return; // a newer edit was sent meanwhile: its answer is the one to show
            (_whatIf, _contributions, _serving) = (explanation.Probability, Top(explanation), null);
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message;
        }
    }

    /// <summary>A saved scenario's edits over the customer: the editor starts from them and they are scored again
    /// (the model may have changed since). Unchangeable columns in a scenario are ignored.</summary>
    private Task LoadScenarioAsync(IReadOnlyDictionary<string, object?> edits)
    {
        var row = _customer!.Values.ToDictionary(v => v.Key, v => v.Value);
        foreach (var (column, value) in edits) if (row.ContainsKey(column) && !TelcoColumns.Unchangeable.Contains(column)) row[column] = value;
        _editorRow = row;
        return WhatIfAsync(row);
    }

    private async Task SearchAsync()
    {
        _searching = true;
        try
        {
            _result = await RetentionSearch.FindAsync(ModelRow(_customer!.Values), _catalog, _version!.Threshold, RetentionSearch.ValueOfSaving(_version.Decision),
                async (rows, ct) => (await Host.ExplainAsync(ChurnExplorerApp.AppId, rows, ct)).Select(e => e.Probability).ToList());
        }
        catch (AppUnavailableException e)
        {
            _serving = e.Message;
        }
        finally
        {
            _searching = false;
        }
    }

    private async Task<OfferCatalog?> SavedCatalogAsync()
    {
        var saved = (await Host.SavedAsync(ChurnExplorerApp.AppId, OfferCatalogPanel.Kind)).FirstOrDefault();
        try
        {
            return saved is null ? null : OfferCatalog.Parse(saved.Body);
        }
        catch (OfferCatalogException)
        {
            return null; // saved before a rule tightened: the default serves, and the panel shows the text to fix
        }
    }

    /// <summary>What the model takes: the customer's inputs without the outcome (serving would ignore it; a what-if has none).</summary>
    private static IReadOnlyDictionary<string, object?> ModelRow(IReadOnlyDictionary<string, object?> row) =>
        row.Where(v => v.Key != TelcoColumns.Churn).ToDictionary(v => v.Key, v => v.Value);

    private static IReadOnlyList<AppContribution> Top(AppExplanation e) =>
        e.Contributions.OrderByDescending(c => Math.Abs(c.Contribution)).Take(TopContributions).Reverse().ToList();

    private string Change(double p)
    {
        var points = (p - _customer!.Probability) * 100;
        return Math.Abs(points) < 0.05 ? "No change from the customer as they are."
            : $"{(points > 0 ? "+" : "−")}{Math.Abs(points):0.0} percentage points from the customer as they are ({_customer.Probability:P1} → {p:P1}).";
    }
}
