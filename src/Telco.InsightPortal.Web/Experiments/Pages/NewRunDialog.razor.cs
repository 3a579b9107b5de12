using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Ml.Trainers;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>Queues a training run and closes with its id; the queue validates, and its message is shown as is.</summary>
public sealed partial class NewRunDialog
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private static readonly IReadOnlyList<string> Trainers = [.. TrainerCatalog.Names, TrainingQueue.Sweep];

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private DatasetStore Datasets { get; set; } = default!;
    [Inject] private TrainingQueue Queue { get; set; } = default!;
    [Inject] private IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private CircuitAuthorization Authorization { get; set; } = default!;

    private IReadOnlyList<Dataset>? _datasets;
    private Dataset? _dataset;
    private IReadOnlyList<Snapshot> _snapshots = [];
    private long? _snapshotId;
    private string? _label;
    private string _trainer = TrainerCatalog.Logistic;
    private int _seed = 42;
    private int _budget = 45;
    private string? _error;
    private bool _submitting;

    private bool CanSubmit => _dataset is not null && _snapshotId is not null && _label is not null && !_submitting;

    protected override async Task OnInitializedAsync()
    {
        _datasets = await Datasets.ListAsync();
        if (_datasets.Count > 0) await SelectDatasetAsync(_datasets[0].Name);
    }

    private async Task SelectDatasetAsync(string? name)
    {
        _dataset = _datasets?.FirstOrDefault(d => d.Name == name);
        _snapshots = _dataset is null ? [] : await Datasets.SnapshotsAsync(_dataset.Id);
        _snapshotId = _dataset?.CurrentSnapshotId;
        _label = _dataset?.Schema.Label?.Name;
        _error = null;
    }

    private async Task SubmitAsync()
    {
        if (_dataset is null) return;
        if (!await Authorization.AllowsAsync(Policies.ExperimentsWrite))
        {
            _error = "Your role may read experiments but not start runs.";
            return;
        }
        _submitting = true;
        _error = null;
        try
        {
            var budget = _trainer == TrainingQueue.Sweep ? _budget : (int?)null;
            var request = new TrainRequestDto(null, _dataset.Name, _snapshotId, _label, _trainer, null, _seed, budget, null);
            var runId = await Queue.SubmitAsync(request, await Actor.GetCurrentAsync());
            Dialog.Close(DialogResult.Ok(runId));
        }
        catch (TrainingException e)
        {
            _error = e.Message;
        }
        finally
        {
            _submitting = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
