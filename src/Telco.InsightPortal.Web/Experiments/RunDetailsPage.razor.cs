using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments;

/// <summary>One run: its data, its status (polled every 2 s while it is scheduled or running) and the charts
/// its artifacts allow.</summary>
public sealed partial class RunDetailsPage : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    [Parameter] public string RunId { get; set; } = "";
    [Inject] private TrackingStore Tracking { get; set; } = default!;
    [Inject] private RunArtifacts Artifacts { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private PeriodicTimer? _timer;
    private Run? _run;
    private bool _loaded;
    private List<BreadcrumbItem> _crumbs = [];
    private IReadOnlyList<KeyValuePair<string, string>> _metrics = [];
    private IReadOnlyList<KeyValuePair<string, string>> _params = [];
    private IReadOnlyList<KeyValuePair<string, string>> _tags = [];
    private RunArtifactSet _artifacts = RunArtifactSet.Empty;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync(_cts.Token);
        _loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Not while prerendering: the timer belongs to the interactive circuit, and ends with the component.
        if (_timer is null && _run is not null && RunView.IsActive(_run.Info.Status))
        {
            _timer = new PeriodicTimer(PollInterval);
            _ = PollAsync(_timer, _cts.Token);
        }
    }

    private async Task PollAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(() => LoadAsync(ct));
                await InvokeAsync(StateHasChanged);
                if (_run is null || !RunView.IsActive(_run.Info.Status)) break;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            timer.Dispose();
            // Another run (same component, new RunId) may need its own timer.
            if (ReferenceEquals(_timer, timer)) _timer = null;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Run run;
        try
        {
            run = await Tracking.GetRunAsync(RunId, ct);
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            _run = null;
            return;
        }
        // Read everything first, then show it together: a render between the awaits would show a run without its charts.
        var artifacts = await Artifacts.ReadAsync(run, ct);
        _crumbs = [new("Experiments", "/experiments"), new("Experiment " + run.Info.ExperimentId, ExperimentLinks.Experiment(run.Info.ExperimentId)),
            new(run.Info.RunName, null, disabled: true)];
        _metrics = run.Metrics.GroupBy(m => m.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, RunView.MetricText(run, g.Key))).ToList();
        _params = run.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
        // Artifact hashes are listed with the artifacts below; the tag table keeps to lineage and settings.
        _tags = run.Tags.Where(t => !t.Key.StartsWith("artifact.", StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, t.Value)).ToList();
        _artifacts = artifacts;
        _run = run;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _timer?.Dispose();
        _cts.Dispose();
    }

    internal static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
