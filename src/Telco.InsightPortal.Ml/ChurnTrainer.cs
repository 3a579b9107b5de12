using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml;

/// <summary>
/// Trains a binary churn model from a dataset schema and its rows. Stateless and safe to share; each call is
/// an independent run. Bad requests fail fast with <see cref="TrainingException"/> before any training starts
/// where they can be detected from the request alone.
/// </summary>
public sealed class ChurnTrainer
{
    /// <summary>Runs on a dedicated thread (training is CPU-bound and long); cancellation also stops ML.NET mid-fit.</summary>
    public Task<TrainingResult> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        var label = Validate(request);
        return Task.Factory.StartNew(() => Run(request, label, progress, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static TrainingResult Run(TrainingRequest request, Core.Data.DatasetColumn label, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var run = new TrainingRun(request, label, progress, ct);
        try
        {
            return run.Execute();
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is not TrainingException)
        {
            throw new OperationCanceledException("The training run was cancelled.", e, ct);
        }
    }

    private static Core.Data.DatasetColumn Validate(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = request.Schema.Validate();
        if (problems.Count > 0) throw new TrainingException("The dataset schema is invalid: " + string.Join(" ", problems));
        if (string.IsNullOrWhiteSpace(request.LabelColumn)) throw new TrainingException("No label column was given.");
        var label = request.Schema.Find(request.LabelColumn)
            ?? throw new TrainingException(
                $"Label column '{request.LabelColumn}' is not in the dataset; its columns are {string.Join(", ", request.Schema.Columns.Select(c => c.Name))}.");
        if (label.Role is Core.Data.ColumnRole.Id or Core.Data.ColumnRole.Timestamp || label.Type == Core.Data.ColumnType.Timestamp)
            throw new TrainingException($"Column '{label.Name}' is an {label.Role} column and cannot be the label.");
        request.Split.Validate();
        if (request.CrossValidationFolds is < 0 or 1 or > 20)
            throw new TrainingException($"Cross-validation folds must be 0 (none) or between 2 and 20; got {request.CrossValidationFolds}.");
        if (request.CrossValidationRepeats is < 1 or > 10)
            throw new TrainingException($"Cross-validation repeats must be between 1 and 10; got {request.CrossValidationRepeats}.");
        if (request.CrossValidationBudget <= TimeSpan.Zero)
            throw new TrainingException("The cross-validation time budget must be positive.");
        if (request.CrossValidationMaxRows < 100)
            throw new TrainingException($"Cross-validation needs at least 100 rows to sample; got a cap of {request.CrossValidationMaxRows}.");
        if (request.Threshold is <= 0 or >= 1 || double.IsNaN(request.Threshold))
            throw new TrainingException($"The threshold must be between 0 and 1 (exclusive); got {request.Threshold}.");
        if (request.LeakageAuc is <= 0.5 or > 1 || double.IsNaN(request.LeakageAuc))
            throw new TrainingException($"The leakage AUC limit must be above 0.5 and at most 1; got {request.LeakageAuc}.");
        if (request.Sweep is { } sweep)
        {
            sweep.Validate();
            foreach (var name in sweep.Trainers ?? []) TrainerCatalog.Get(name);
        }
        else
        {
            TrainerCatalog.Get(request.Trainer).Resolve(request.Params);
        }
        return label;
    }
}
