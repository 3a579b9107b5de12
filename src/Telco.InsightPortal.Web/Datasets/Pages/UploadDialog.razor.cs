using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Datasets.Pages;

public enum UploadStep { Pick, Working, Review, Failed }

/// <summary>Upload a CSV: spool it with progress, let the user review the inferred schema of a new
/// dataset, ingest with progress, and on failure show the per-row error report. Nothing is committed
/// unless the whole ingest succeeds.</summary>
public sealed partial class UploadDialog : IAsyncDisposable
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private DatasetIngestService Ingest { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Audit.IAuditActorAccessor Actor { get; set; } = default!;
    [Inject] private Security.CircuitAuthorization Authorization { get; set; } = default!;

    [Parameter] public Dataset? ExistingDataset { get; set; }

    private readonly CancellationTokenSource _cts = new();
    private UploadStep _step = UploadStep.Pick;
    private IBrowserFile? _file;
    private string _name = "";
    private IngestMode _mode = IngestMode.Append;
    private bool _skipBadRows;
    private string _status = "";
    private double? _percent;
    private SpooledUpload? _spooled;
    private List<ReviewColumn> _review = [];
    private long _sampleRows;
    private IngestResult? _result;
    private string? _error;

    private string DatasetName => ExistingDataset?.Name ?? _name.Trim();

    private bool CanStart => _file is not null && (ExistingDataset is not null || DatasetNames.Problem(_name.Trim()) is null);

    private void OnFileChosen(InputFileChangeEventArgs e) => _file = e.File;

    private async Task StartAsync()
    {
        if (_file is null) return;
        if (!await Authorization.AllowsAsync(Security.Policies.DataWrite))
        {
            Fail("Your role may read data but not upload it.");
            return;
        }
        _step = UploadStep.Working;
        _status = $"Uploading {_file.Name}…";
        try
        {
            await using var browser = _file.OpenReadStream(Ingest.MaxUploadBytes, _cts.Token);
            var size = Math.Max(1, _file.Size);
            _spooled = await Ingest.SpoolAsync(browser, new Progress<long>(n => Update(100.0 * n / size)), _cts.Token);
        }
        catch (Exception e) when (e is UploadTooLargeException or IOException)
        {
            Fail(e is UploadTooLargeException ? e.Message : $"The upload did not complete: {e.Message}");
            return;
        }
        if (ExistingDataset is null)
        {
            var proposal = Ingest.ProposeSchema(_spooled);
            if (proposal.Schema is null)
            {
                Fail(proposal.Error);
                return;
            }
            _review = proposal.Schema.Columns.Select(ReviewColumn.From).ToList();
            _sampleRows = proposal.SampleRows;
            _step = UploadStep.Review;
            return;
        }
        await IngestAsync(null);
    }

    private Task CommitReviewedAsync() => IngestAsync(new DatasetSchema(_review.Select(r => r.ToColumn()).ToList()));

    private async Task IngestAsync(DatasetSchema? schema)
    {
        _step = UploadStep.Working;
        _status = "Validating and committing rows…";
        _percent = null;
        var actor = await Actor.GetCurrentAsync();
        _result = await Ingest.IngestAsync(DatasetName, _spooled!, new IngestOptions
        {
            Mode = _mode,
            OnError = _skipBadRows ? OnRowError.Skip : OnRowError.Reject,
            Schema = schema,
            Actor = actor.ToWho(),
            Source = "upload:" + _file!.Name,
            Progress = p => Status($"Read {p.RowsRead:N0} rows, {p.Errors:N0} with errors…"),
        }, _cts.Token);
        await DisposeSpooledAsync();
        if (!_result.Committed)
        {
            Fail(_result.Message);
            return;
        }
        var s = _result.Snapshot!;
        Snackbar.Add($"Committed snapshot #{s.Id}: {s.RowsAdded:N0} rows" + (s.RowsSkipped > 0 ? $", {s.RowsSkipped:N0} skipped" : ""), Severity.Success);
        Dialog.Close(DialogResult.Ok(s));
    }

    private void Update(double percent)
    {
        _percent = percent;
        _ = InvokeAsync(StateHasChanged);
    }

    private void Status(string text)
    {
        _status = text;
        _ = InvokeAsync(StateHasChanged);
    }

    private void Fail(string? message)
    {
        _error = message;
        _step = UploadStep.Failed;
    }

    private async Task Restart()
    {
        await DisposeSpooledAsync();
        (_file, _result, _error, _step) = (null, null, null, UploadStep.Pick);
    }

    private async Task CancelAsync()
    {
        await DisposeSpooledAsync();
        Dialog.Cancel();
    }

    private async Task DisposeSpooledAsync()
    {
        if (_spooled is not null) await _spooled.DisposeAsync();
        _spooled = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await DisposeSpooledAsync();
        _cts.Dispose();
    }
}
