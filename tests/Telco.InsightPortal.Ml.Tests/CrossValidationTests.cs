using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class CrossValidationTests
{
    private readonly ChurnTrainer _trainer = new();

    [Fact]
    public async Task EstimateIsTheMeanAndSampleSdOfTheFoldRocAucs()
    {
        var request = new SyntheticChurn().Request();

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        var auc = result.Folds.Select(f => f.Metrics.RocAuc).ToArray();
        var mean = auc.Sum() / auc.Length;
        var sd = Math.Sqrt(auc.Select(a => (a - mean) * (a - mean)).Sum() / (auc.Length - 1));
        Assert.Equal(10, auc.Length);
        Assert.Equal(mean, result.CrossValidation!.RocAucMean, 1e-12);
        Assert.Equal(sd, result.CrossValidation.RocAucSd, 1e-12);
        Assert.True(sd > 0);
        Assert.Equal(result.Folds.Average(f => f.Metrics.LogLoss), result.CrossValidation.LogLossMean, 1e-12);
    }

    [Fact]
    public async Task EachRepeatHoldsOutEveryLabelledRowOnceInStratifiedFolds()
    {
        var request = new SyntheticChurn().Request();

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        var rows = result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows;
        Assert.Equal((5, 2, rows), (result.CrossValidation!.Folds, result.CrossValidation.Repeats, result.CrossValidation.Rows));
        foreach (var repeat in result.Folds.GroupBy(f => f.Repeat))
        {
            Assert.Equal([1, 2, 3, 4, 5], repeat.Select(f => f.Fold));
            Assert.Equal(rows, repeat.Sum(f => f.Metrics.Rows));
            Assert.Equal(result.Split.Positives, repeat.Sum(f => f.Metrics.Positives));
            Assert.True(repeat.Max(f => f.Metrics.Positives) - repeat.Min(f => f.Metrics.Positives) <= 1);
        }
        Assert.NotEqual(result.Folds.Where(f => f.Repeat == 1).Select(f => f.Metrics), result.Folds.Where(f => f.Repeat == 2).Select(f => f.Metrics));
    }

    [Fact]
    public async Task TheEstimateLeadsTheProtocolTheProgressAndTheHeadline()
    {
        var progress = new List<TrainingProgress>();

        var result = await _trainer.TrainAsync(new SyntheticChurn().Request(), new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);

        var estimate = result.CrossValidation!.ToString();
        Assert.StartsWith($"{result.CrossValidation.RocAucMean:F4} ± {result.CrossValidation.RocAucSd:F4} (5 stratified folds × 2 repeats of 400 rows)", estimate);
        Assert.Contains("5 stratified folds × 2 repeats over 400 labelled rows", result.Split.Protocol);
        Assert.Contains(progress, p => p.Stage == TrainingStage.CrossValidating && p.Message == $"Cross-validated ROC AUC {estimate}");
        Assert.StartsWith($"Cross-validated ROC AUC {estimate}; test ROC AUC", result.Headline);
        Assert.Equal(result.Headline, progress[^1].Message);
    }

    [Fact]
    public async Task ALargeRunCrossValidatesAStratifiedSampleOfTheCappedSize()
    {
        var request = new SyntheticChurn().Rows(1000).Request() with { CrossValidationMaxRows = 300, CrossValidationRepeats = 1 };

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(300, result.CrossValidation!.Rows);
        Assert.Equal(300, result.Folds.Sum(f => f.Metrics.Rows));
        Assert.Equal(Math.Round(300.0 * result.Split.Positives / 1000), result.Folds.Sum(f => f.Metrics.Positives));
        Assert.Contains(result.Warnings, w => w.Contains("stratified sample of 300 of the 1,000 labelled rows"));
    }

    [Fact]
    public async Task ARepeatDoesNotStartOnceTheBudgetIsSpent()
    {
        var request = new SyntheticChurn().Request() with { CrossValidationRepeats = 3, CrossValidationBudget = TimeSpan.FromTicks(1) };

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(5, result.Folds.Count);
        Assert.Equal(1, result.CrossValidation!.Repeats);
        Assert.Contains(result.Warnings, w => w.StartsWith("Cross-validation stopped after 1 of 3 repeats"));
    }

    [Fact]
    public async Task NoFoldsMeansNoEstimate()
    {
        var result = await _trainer.TrainAsync(new SyntheticChurn().Request() with { CrossValidationFolds = 0 }, ct: TestContext.Current.CancellationToken);

        Assert.Null(result.CrossValidation);
        Assert.Empty(result.Folds);
        Assert.StartsWith("Test ROC AUC", result.Headline);
    }

    [Theory]
    [InlineData(5, 0, "repeats must be between 1 and 10")]
    [InlineData(1, 2, "folds must be 0 (none) or between 2 and 20")]
    public async Task CrossValidationSettingsOutOfRangeAreRefused(int folds, int repeats, string message)
    {
        var request = new SyntheticChurn().Request() with { CrossValidationFolds = folds, CrossValidationRepeats = repeats };

        var e = await Assert.ThrowsAsync<TrainingException>(() => _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken));

        Assert.Contains(message, e.Message);
    }
}
