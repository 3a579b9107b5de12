using System.Diagnostics;
using Microsoft.ML;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Calibration;
using Telco.InsightPortal.Ml.Data;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Ml.Featurisation;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Sweeps;
using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml;

/// <summary>One training run, start to finish, on the calling thread. Owns the run's single seeded MLContext:
/// every random choice ML.NET makes is drawn from it, in the same order each time.</summary>
internal sealed class TrainingRun(TrainingRequest request, DatasetColumn label, IProgress<TrainingProgress>? progress, CancellationToken ct)
{
    private readonly MLContext _ml = new(request.Seed);
    private readonly List<string> _warnings = [];
    private ColumnarTable _table = null!;
    private FeaturePlan _plan = null!;

    public TrainingResult Execute()
    {
        var clock = Stopwatch.StartNew();
        Report(TrainingStage.Loading, 0, "Reading rows");
        _table = ColumnarTable.Load(request.Schema, request.Rows, label, request.PositiveLabel, ct);
        var labels = _table.Labels!;
        CheckRows(labels);

        Report(TrainingStage.Featurising, 0.05, "Splitting and choosing features");
        var split = StratifiedSplit.Create(labels, request.Split, request.Seed);
        _plan = FeaturePlan.Create(_table, request, label, split.Train);
        _warnings.AddRange(_plan.Warnings);
        if (_table.SkippedUnlabelled > 0) _warnings.Add($"{_table.SkippedUnlabelled:N0} rows without a label were left out.");

        var (spec, parameters, trials) = request.Sweep is { } sweep
            ? RunSweep(sweep, split)
            : (TrainerCatalog.Get(request.Trainer), TrainerCatalog.Get(request.Trainer).Resolve(request.Params), (IReadOnlyList<SweepTrial>)[]);

        var crossValidation = request.CrossValidationFolds >= 2 ? CrossValidate(spec, parameters, labels) : null;

        Report(TrainingStage.Fitting, 0.8, $"Fitting {spec.Name} on train+validation");
        var trainRows = split.TrainAndValidation;
        var trainView = new TableDataView(_table, trainRows);
        var model = Fit(spec, parameters, trainView);
        var calibration = crossValidation is null ? null : HeldOutCalibration.Assess(_ml, crossValidation.FirstRepeat());
        if (calibration is { Helps: true })
        {
            var (scores, scoreLabels) = crossValidation!.FirstRepeat().OutOfFold(trainRows);
            model = HeldOutCalibration.Append(_ml, model, scores, scoreLabels) ?? model;
        }

        Report(TrainingStage.Evaluating, 0.85, "Evaluating on the test split");
        var probabilities = Probabilities.Of(model, new TableDataView(_table, split.Test));
        var testLabels = split.Test.Select(r => labels[r]).ToArray();
        var test = BinaryEvaluator.Evaluate(probabilities, testLabels, request.Threshold);
        var summary = new SplitSummary(split.Train.Length, split.Validation.Length, split.Test.Length, labels.Count(l => l), request.Seed,
            Protocol(split, request.Sweep, crossValidation, calibration));

        var result = new TrainingResult
        {
            Trainer = spec.Name,
            Params = parameters,
            Test = test,
            Split = summary,
            Folds = crossValidation?.Folds ?? [],
            CrossValidation = crossValidation?.Estimate,
            Trials = trials,
            Features = _plan.Features.Select(f => f.Name).ToList(),
            Warnings = _warnings,
            Duration = clock.Elapsed,
        };
        if (request.ArtifactDirectory is null) return Done(result, clock);

        Report(TrainingStage.Evaluating, 0.88, "Permutation feature importance on a test sample");
        var sample = StratifiedSplit.Shuffled(split.Test, new Random(request.Seed)).Take(request.ImportanceSampleRows).Order().ToArray();
        var importance = PermutationImportance.Compute(model, _table, sample, _plan.InputColumns, request.Seed, ct);
        Report(TrainingStage.WritingArtifacts, 0.95, "Writing artifacts");
        var artifacts = ArtifactWriter.Write(request.ArtifactDirectory, _ml, model, trainView.Schema,
            new { result.Trainer, result.Params, result.CrossValidation, result.Test, result.Split, result.Folds, result.Trials, result.Features, result.Warnings,
                  PositiveLabel = _table.Mapping!.Positive, NegativeLabel = _table.Mapping.Negative },
            new ModelSignature(request.Schema, request.LabelColumn, _table.Mapping.Positive, _table.Mapping.Negative,
                InputProfile.Compute(_table, trainRows)),
            new ArtifactWriter.TestPredictions(_table, split.Test, probabilities, testLabels), importance,
            SliceEvaluator.Compute(_table, split.Test, probabilities, testLabels, request.Threshold), request.Threshold);
        return Done(result with { Artifacts = artifacts }, clock);
    }

    private TrainingResult Done(TrainingResult result, Stopwatch clock)
    {
        Report(TrainingStage.Done, 1, result.Headline);
        return result with { Duration = clock.Elapsed };
    }

    private void CheckRows(bool[] labels)
    {
        if (labels.Length < TrainingRequest.MinimumRows)
            throw new TrainingException($"Training needs at least {TrainingRequest.MinimumRows} labelled rows; the dataset has {labels.Length}.");
        var positives = labels.Count(l => l);
        var minority = Math.Min(positives, labels.Length - positives);
        // Fewer than this and the test split may hold one or no example of a class, making every metric noise.
        const int minimumPerClass = 10;
        if (minority < minimumPerClass)
            throw new TrainingException(
                $"Training needs at least {minimumPerClass} rows of each class; label '{label.Name}' has {positives} positive and {labels.Length - positives} negative rows.");
    }

    private (TrainerSpec, IReadOnlyDictionary<string, double>, IReadOnlyList<SweepTrial>) RunSweep(SweepOptions sweep, StratifiedSplit split)
    {
        if (split.Validation.Length == 0) throw new TrainingException("A sweep needs a validation split; set a validation ratio above 0.");
        var plan = SweepPlanner.Plan(sweep, request.Seed);
        var trainView = new TableDataView(_table, split.Train);
        var validationView = new TableDataView(_table, split.Validation);
        var validationLabels = split.Validation.Select(r => _table.Labels![r]).ToArray();
        var trials = new List<SweepTrial>();
        SweepTrial? best = null;
        var clock = Stopwatch.StartNew();
        Report(TrainingStage.Sweeping, 0.1, $"Sweep of up to {plan.Count} trials within {sweep.TimeBudget.TotalSeconds:F0} s", null, plan.Count);
        foreach (var (spec, parameters) in plan)
        {
            if (trials.Count > 0 && clock.Elapsed > sweep.TimeBudget)
            {
                _warnings.Add($"The sweep's time budget ({sweep.TimeBudget.TotalSeconds:F0} s) ran out after {trials.Count} of {plan.Count} trials.");
                break;
            }
            var started = clock.Elapsed;
            var model = Fit(spec, parameters, trainView);
            var metrics = BinaryEvaluator.Evaluate(Probabilities.Of(model, validationView), validationLabels, request.Threshold);
            var trial = new SweepTrial(trials.Count + 1, spec.Name, parameters, metrics, clock.Elapsed - started);
            trials.Add(trial);
            if (best is null || BinaryMetrics.IsBetter(sweep.Metric, metrics.Get(sweep.Metric), best.Validation.Get(sweep.Metric))) best = trial;
            Report(TrainingStage.Sweeping, 0.1 + 0.6 * trials.Count / plan.Count,
                $"Trial {trial.Step}/{plan.Count}: {spec.Name}, validation {sweep.Metric} {metrics.Get(sweep.Metric):F4}", trial, plan.Count);
        }
        return (TrainerCatalog.Get(best!.Trainer), best.Params, trials);
    }

    /// <summary>
    /// Repeated stratified k-fold of the chosen configuration over every labelled row (or a stratified sample): with
    /// five folds each fold's model trains on as many rows as the final model does, and is then discarded, so the
    /// estimate is of the final model's procedure, and steadier than any one split. Nothing here chooses anything,
    /// and the final model is fitted on train+validation only, so the test split still shows that model once, unseen.
    /// </summary>
    private CrossValidationRun CrossValidate(TrainerSpec spec, IReadOnlyDictionary<string, double> parameters, bool[] labels)
    {
        var rows = StratifiedSplit.Sample([.. Enumerable.Range(0, labels.Length)], labels, request.CrossValidationMaxRows, new Random(request.Seed));
        var folds = StratifiedSplit.Folds(rows, labels, request.CrossValidationFolds, request.CrossValidationRepeats, request.Seed);
        var start = request.Sweep is null ? 0.1 : 0.7;
        var metrics = new List<FoldMetrics>();
        var clock = Stopwatch.StartNew();
        var heldOut = new List<HeldOutFold>();
        foreach (var (repeat, fold, train, held) in folds)
        {
            if (fold == 1 && repeat > 1 && clock.Elapsed > request.CrossValidationBudget)
            {
                _warnings.Add($"Cross-validation stopped after {repeat - 1} of {request.CrossValidationRepeats} repeats: its "
                              + $"{request.CrossValidationBudget.TotalSeconds:F0} s budget ran out.");
                break;
            }
            Report(TrainingStage.CrossValidating, start + (0.8 - start) * metrics.Count / folds.Count,
                $"Fold {fold}/{request.CrossValidationFolds} of repeat {repeat}/{request.CrossValidationRepeats}");
            var model = Fit(spec, parameters, new TableDataView(_table, train));
            var (foldScores, probabilities) = Probabilities.WithScores(model, new TableDataView(_table, held));
            var foldLabels = held.Select(r => labels[r]).ToArray();
            metrics.Add(new FoldMetrics(fold, BinaryEvaluator.Evaluate(probabilities, foldLabels, request.Threshold), repeat));
            heldOut.Add(new HeldOutFold(repeat, held, foldScores, foldLabels));
        }
        var estimate = CrossValidationEstimate.Of(metrics, rows.Length);
        if (rows.Length < labels.Length)
            _warnings.Add($"Cross-validation ran on a stratified sample of {rows.Length:N0} of the {labels.Length:N0} labelled rows.");
        Report(TrainingStage.CrossValidating, 0.8, $"Cross-validated ROC AUC {estimate}");
        return new CrossValidationRun(metrics, estimate, heldOut);
    }

    private ITransformer Fit(TrainerSpec spec, IReadOnlyDictionary<string, double> parameters, TableDataView view)
    {
        ct.ThrowIfCancellationRequested();
        var settings = new TrainerSettings(TableDataView.LabelColumn, FeaturePipeline.FeaturesColumn, request.Seed, request.Deterministic ? 1 : null);
        // Trainers read the data several times; caching the featurised rows saves redoing the one-hot work each pass.
        var pipeline = FeaturePipeline.Build(_ml, _plan, spec.NeedsNormalisation).AppendCacheCheckpoint(_ml).Append(spec.Create(_ml, parameters, settings));
        return pipeline.Fit(view);
    }

    private string Protocol(StratifiedSplit split, SweepOptions? sweep, CrossValidationRun? crossValidation, HeldOutCalibration.Evidence? calibration)
    {
        var r = request.Split;
        var text = $"Stratified by label, seed {request.Seed}: {r.Train:P0} train ({split.Train.Length}), {r.Validation:P0} validation ({split.Validation.Length}), {r.Test:P0} test ({split.Test.Length}). ";
        text += sweep is null
            ? "The model is fitted on train+validation and evaluated once on test."
            : $"Sweep ({sweep.Strategy}, up to {sweep.Trials} trials, {sweep.TimeBudget.TotalSeconds:F0} s): trials fit on train and are ranked by validation {sweep.Metric}; the best is refitted on train+validation and evaluated once on test.";
        if (crossValidation is { Estimate: var cv })
            text += $" Cross-validation of the chosen configuration, each fold model discarded: {cv.Design} over {cv.Rows:N0} labelled rows, "
                    + $"ROC AUC {cv.RocAucMean:F4} ± {cv.RocAucSd:F4} (mean ± sd of {cv.FoldCount} folds).";
        if (calibration is { } c)
            text += c.Helps
                ? $" Probabilities: Platt scaling fitted on the out-of-fold scores of train+validation rows (fitted on the other folds, it lowers the out-of-fold log-loss from {c.OwnLogLoss:F4} to {c.PlattLogLoss:F4})."
                : $" Probabilities: the model's own (Platt scaling on out-of-fold scores would not lower the out-of-fold log-loss: {c.PlattLogLoss:F4} against {c.OwnLogLoss:F4}).";
        return text;
    }

    private void Report(TrainingStage stage, double fraction, string message, SweepTrial? trial = null, int? trialsPlanned = null) =>
        progress?.Report(new TrainingProgress(stage, fraction, message, trial, trialsPlanned));
}
