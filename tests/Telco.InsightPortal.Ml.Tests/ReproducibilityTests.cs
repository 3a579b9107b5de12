using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class ReproducibilityTests
{
    private readonly ChurnTrainer _trainer = new();

    [Theory]
    [InlineData("logistic")]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    [InlineData("fastforest")]
    public async Task SameDataParamsAndSeedGiveTheSameMetrics(string trainer)
    {
        var request = new SyntheticChurn().Rows(600).Request(trainer) with { Seed = 11 };

        var first = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var second = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(first.Test, second.Test);
    }

    [Fact]
    public async Task SameSeedGivesTheSameSweepOnTheRealData()
    {
        var data = TelcoData.Get();
        var request = new TrainingRequest
        {
            Schema = data.Schema,
            Rows = data.Rows,
            LabelColumn = "Churn",
            Sweep = new SweepOptions { Trainers = ["lightgbm", "fasttree"], Trials = 2 },
        };

        var first = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var second = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(first.Test, second.Test);
        Assert.Equal(first.Trials.Select(t => t.Validation), second.Trials.Select(t => t.Validation));
    }

    [Fact]
    public async Task CrossValidationReportsEachStratifiedFold()
    {
        var request = new SyntheticChurn().Request() with { CrossValidationFolds = 4, CrossValidationRepeats = 1 };

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3, 4], result.Folds.Select(f => f.Fold));
        var sizes = result.Folds.Select(f => f.Metrics.Rows).ToList();
        Assert.Equal(result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows, sizes.Sum());
        Assert.True(sizes.Max() - sizes.Min() <= 2);
        Assert.All(result.Folds, f => Assert.True(f.Metrics.RocAuc > 0.8));
        Assert.Contains("4 stratified folds × 1 repeat over", result.Split.Protocol);
    }

    [Fact]
    public async Task SweepReportsEachTrialAsProgressAndPicksTheBestOnValidation()
    {
        var progress = new List<TrainingProgress>();
        var request = new SyntheticChurn().Request() with { Sweep = new SweepOptions { Trials = 4, Trainers = ["logistic", "lightgbm"] } };

        var result = await _trainer.TrainAsync(request, new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        Assert.Equal(4, result.Trials.Count);
        Assert.Equal(result.Trials, progress.Where(p => p.Trial is not null).Select(p => p.Trial!));
        Assert.All(progress.Where(p => p.Stage == TrainingStage.Sweeping), p => Assert.Equal(4, p.TrialsPlanned));
        var best = result.Trials.MaxBy(t => t.Validation.RocAuc)!;
        Assert.Equal(best.Trainer, result.Trainer);
        Assert.Equal(TrainingStage.Done, progress[^1].Stage);
    }

    [Fact]
    public async Task CancelledRunStopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var request = new SyntheticChurn().Request() with { Sweep = new SweepOptions { Trials = 50 } };

        var run = _trainer.TrainAsync(request, new SynchronousProgress(p => { if (p.Trial is not null) cts.Cancel(); }), cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
