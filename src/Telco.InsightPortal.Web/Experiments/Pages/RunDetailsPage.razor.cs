using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>One run: its data, the charts its artifacts allow, its log, and — while this instance trains it — its
/// progress, pushed by the worker. A run logged by an MLflow client or trained by another portal instance sends no
/// pushes here, so an active run's status is also re-read every few seconds.</summary>
public sealed partial class RunDetailsPage : IDisposable
{
    public static readonly TimeSpan ExternalPollInterval = TimeSpan.FromSeconds(5);

    [Parameter] public string RunId { get; set; } = "";
    [Inject] private TrackingStore Tracking { get; set; } = default!;
    [Inject] private RunArtifacts Artifacts { get; set; } = default!;
    [Inject] private RunProgress Progress { get; set; } = default!;

    private readonly CancellationTokenSource _cts = new();
    private IDisposable? _subscription;
    private PeriodicTimer? _timer;
    private Run? _run;
    private RunProgressState? _progress;
    private bool _loaded;
    private List<BreadcrumbItem> _crumbs = [];
    private string? _experimentName;
    private IReadOnlyList<KeyValuePair<string, string>> _metrics = [];
    private IReadOnlyList<KeyValuePair<string, string>> _params = [];
    private IReadOnlyList<KeyValuePair<string, string>> _tags = [];
    private RunArtifactSet _artifacts = RunArtifactSet.Empty;

    private bool IsEmbedded => _run is not null && RunView.Tag(_run, TrainingQueue.RunnerTag) == TrainingQueue.EmbeddedRunner;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync(_cts.Token);
        _loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not while prerendering: watching belongs to the interactive circuit, and ends with the component.
        if (!firstRender) return;
        _subscription = Progress.Subscribe(OnProgress);
        // The run may have moved on between the first load and subscribing.
        await ReloadAsync();
        StateHasChanged();
        if (_run is not null && RunView.IsActive(_run.Info.Status))
        {
            _timer = new PeriodicTimer(ExternalPollInterval);
            _ = PollAsync(_timer, _cts.Token);
        }
    }

    private void OnProgress(RunProgressState state)
    {
        if (state.RunId != RunId) return;
        _ = InvokeAsync(async () =>
        {
            var statusChanged = _run is null || _run.Info.Status != state.Status;
            _progress = state;
            if (statusChanged) await ReloadAsync();
            StateHasChanged();
        });
    }

    private async Task PollAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync(ct);
                    StateHasChanged();
                });
                if (_run is null || !RunView.IsActive(_run.Info.Status)) break;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private Task ReloadAsync() => LoadAsync(_cts.Token);

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
        var active = RunView.IsActive(run.Info.Status);
        // The log is an artifact once the run has ended; until then it is still being written (see the Log tab).
        if (active) artifacts = artifacts with { Files = artifacts.Files.Where(f => f.Name != RunLog.FileName).ToList() };
        // The name is read once: the page re-reads a running run every few seconds, and a run never changes experiment.
        _experimentName ??= (await Tracking.GetExperimentAsync(run.Info.ExperimentId, ct)).Name;
        _crumbs = [new("Experiments", "/experiments"), new(_experimentName, ExperimentLinks.Experiment(run.Info.ExperimentId)),
            new(run.Info.RunName, null, disabled: true)];
        _metrics = run.Metrics.GroupBy(m => m.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, RunView.MetricText(run, g.Key))).ToList();
        _params = run.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
        // Artifact hashes are listed with the artifacts below; the tag table keeps to lineage and settings.
        _tags = run.Tags.Where(t => !t.Key.StartsWith("artifact.", StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, t.Value)).ToList();
        _artifacts = artifacts;
        _progress = active ? Progress.Current(RunId) ?? _progress : null;
        _run = run;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _timer?.Dispose();
        _cts.Dispose();
    }

    internal static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
