using Microsoft.AspNetCore.Components;
using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor.Pages;

/// <summary>
/// Loads the chosen snapshot's scored events through the host, builds the fleet once per load, and asks the
/// deployment to explain the latest event of the tower opened. A deployment that cannot answer is said in words while
/// what was loaded before stays on screen.
/// </summary>
public partial class CellTowerMonitorPage
{
    /// <summary>The most events read for one view; a parameter so a test can show the cap without 50,000 rows.</summary>
    [Parameter] public int Cap { get; set; } = FleetReader.DefaultCap;

    private const string AppId = CellTowerMonitorApp.AppId;

    private readonly CancellationTokenSource _closed = new();
    private CancellationTokenSource _load = new();
    private string? _problem;
    private string? _unavailable;
    private IReadOnlyList<AppSnapshot>? _snapshots;
    private long _snapshotId;
    private AppDeployment? _deployment;
    private AppServedVersion? _version;
    private RiskBands _bands = new(AppDecision.DefaultThreshold);
    private bool _loading;
    private int _readSoFar;
    private long _total;
    private FleetRead? _read;
    private TowerFleet? _fleet;
    private TowerSummary? _selected;
    private AppExplanation? _explanation;
    private string? _explanationProblem;

    private double Progress => _total == 0 ? 0 : 100.0 * _readSoFar / Math.Min(_total, Cap);

    private string Source =>
        $"{_version!.Label}, served by {_deployment!.Name}. Risk bands from its decision threshold {Display.Probability(_bands.Threshold)}"
        + (_version.Decision is null ? " (the default: none is saved on this version)." : ".");

    protected override async Task OnInitializedAsync()
    {
        _deployment = await Host.DeploymentAsync(AppId);
        if (_deployment is null)
        {
            _problem = "This app is not bound to a deployment yet: a data scientist or an administrator binds it on the Apps page.";
            return;
        }
        // The version with the largest share of traffic scores the snapshot, so its threshold sets the bands.
        _version = _deployment.Versions.FirstOrDefault();
        if (_version is null)
        {
            _problem = $"Deployment {_deployment.Name} serves no model version.";
            return;
        }
        _bands = new RiskBands(_version.Threshold);
        _snapshots = await Host.SnapshotsAsync(AppId);
        if (_snapshots.Count == 0)
        {
            _problem = $"{_version.Label} was trained on a dataset with no snapshot to monitor.";
            return;
        }
        _snapshotId = _snapshots[0].Id;
        await LoadAsync();
    }

    private async Task SnapshotChangedAsync(long snapshotId)
    {
        _snapshotId = snapshotId;
        _selected = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // A newer load (another snapshot, a refresh) replaces the one under way rather than race it.
        await _load.CancelAsync();
        _load.Dispose();
        _load = new CancellationTokenSource();
        var ct = _load.Token;
        (_loading, _unavailable, _readSoFar, _total) = (true, null, 0, 0);
        try
        {
            var read = await FleetReader.ReadAsync(Host, AppId, _snapshotId, Cap, OnPageAsync, ct);
            ct.ThrowIfCancellationRequested();
            (_read, _fleet) = (read, TowerFleet.Build(read.Rows));
            // A refresh keeps the open tower (with its new figures); its explanation is asked again only if it failed.
            _selected = _selected is null ? null : _fleet.Find(_selected.DeviceId);
            if (_selected is not null && _explanation is null) await SelectAsync(_selected);
        }
        catch (AppUnavailableException e) when (!ct.IsCancellationRequested)
        {
            _unavailable = e.Message;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Replaced by a newer load (or the page closed): whatever this one ended with no longer matters.
            return;
        }
        _loading = false;

        Task OnPageAsync(int readSoFar, long total)
        {
            if (ct.IsCancellationRequested) return Task.CompletedTask;
            (_readSoFar, _total) = (readSoFar, total);
            StateHasChanged();
            return Task.CompletedTask;
        }
    }

    private async Task SelectAsync(TowerSummary tower)
    {
        (_selected, _explanation, _explanationProblem) = (tower, null, null);
        if (_fleet!.EventsOf(tower.DeviceId) is not [.., var latest]) return;
        StateHasChanged();
        var ct = _closed.Token;
        try
        {
            var explained = await Host.ExplainAsync(AppId, [CellTowerColumns.ModelInputs(latest.Values)], ct);
            // Another tower may have been opened while this one was being explained.
            if (_selected?.DeviceId != tower.DeviceId) return;
            _explanation = explained.FirstOrDefault();
            if (_explanation is null) _explanationProblem = $"Deployment {_deployment!.Name} returned no explanation for this event.";
        }
        catch (AppUnavailableException e) when (_selected?.DeviceId == tower.DeviceId && !ct.IsCancellationRequested)
        {
            _explanationProblem = e.Message;
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The page was closed: nobody is waiting for the explanation.
        }
    }

    public void Dispose()
    {
        _load.Cancel();
        _load.Dispose();
        _closed.Cancel();
        _closed.Dispose();
    }
}
