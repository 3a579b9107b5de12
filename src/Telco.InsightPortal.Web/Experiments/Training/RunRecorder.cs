using System.Globalization;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>Records a trained run as MLflow would: the cross-validated headline (mean and sd, and each fold by step), test
/// metrics, the sweep's validation metric by step, params, artifact hashes and split details as tags.</summary>
public sealed class RunRecorder(TrackingStore tracking)
{
    public async Task RecordAsync(TrainingJob job, TrainingResult result, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var t = result.Test;
        var metrics = new List<TrackingMetric>
        {
            new("roc_auc", t.RocAuc, now, 0), new("pr_auc", t.PrAuc, now, 0), new("accuracy", t.Accuracy, now, 0),
            new("precision", t.Precision, now, 0), new("recall", t.Recall, now, 0), new("f1", t.F1, now, 0), new("log_loss", t.LogLoss, now, 0),
        };
        metrics.AddRange(result.Trials.Select(trial => new TrackingMetric("validation_roc_auc", trial.Validation.RocAuc, now, trial.Step)));
        if (result.CrossValidation is { } cv)
        {
            metrics.AddRange([new("cv_roc_auc_mean", cv.RocAucMean, now, 0), new("cv_roc_auc_sd", cv.RocAucSd, now, 0),
                new("cv_pr_auc_mean", cv.PrAucMean, now, 0), new("cv_log_loss_mean", cv.LogLossMean, now, 0)]);
            metrics.AddRange(result.Folds.Select((f, i) => new TrackingMetric("cv_roc_auc", f.Metrics.RocAuc, now, i + 1)));
        }
        var parameters = result.Params.Select(p => new TrackingParam(p.Key, p.Value.ToString("R", CultureInfo.InvariantCulture)))
            .Append(new TrackingParam("trainer", result.Trainer)).Append(new TrackingParam("seed", job.Seed.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var tags = result.Artifacts.Select(a => new TrackingTag("artifact." + a.Name + ".sha256", a.Sha256))
            .Append(new TrackingTag("row_count", (result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows).ToString(CultureInfo.InvariantCulture)))
            .Append(new TrackingTag("split", result.Split.Protocol)).ToList();
        foreach (var chunk in metrics.Chunk(TrackingStore.MaxBatchMetrics)) await tracking.LogBatchAsync(job.RunId, chunk, [], [], ct);
        await tracking.LogBatchAsync(job.RunId, [], parameters, tags, ct);
    }
}
