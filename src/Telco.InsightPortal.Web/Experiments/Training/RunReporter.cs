using System.Globalization;
using Telco.InsightPortal.Ml;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>The trainer's progress for one run, on the training thread: pushed to the run's watchers, and
/// written to the run's log when the stage changes and for each sweep trial with its metric.</summary>
internal sealed class RunReporter(string runId, DateTimeOffset startedAt, RunProgress progress, RunLog log) : IProgress<TrainingProgress>
{
    private TrainingStage? _stage;
    private int? _trialsPlanned;
    private int? _trial;

    public void Report(TrainingProgress value)
    {
        _trialsPlanned = value.TrialsPlanned ?? _trialsPlanned;
        _trial = value.Trial?.Step ?? _trial;
        progress.Publish(new RunProgressState(runId, "RUNNING", value.Stage, value.Fraction, value.Message, _trial, _trialsPlanned, startedAt));
        if (value.Trial is { } t)
        {
            var parameters = string.Join(", ", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={p.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
            log.Append(runId, $"Trial {t.Step}/{_trialsPlanned}: {t.Trainer} ({parameters}) validation roc_auc "
                              + $"{t.Validation.RocAuc.ToString("F4", CultureInfo.InvariantCulture)} in {t.Duration.TotalSeconds:F1} s");
        }
        else if (_stage != value.Stage || value.Stage == TrainingStage.CrossValidating)
        {
            log.Append(runId, $"{value.Stage}: {value.Message}");
        }
        _stage = value.Stage;
    }

    /// <summary>The run has ended; watchers reload it from the store.</summary>
    public void Ended(string status) =>
        progress.Publish(new RunProgressState(runId, status, _stage ?? TrainingStage.Loading, 1, status, _trial, _trialsPlanned, startedAt));
}
