using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class RealDataTests(ITestOutputHelper output)
{
    private readonly ChurnTrainer _trainer = new();

    private static TrainingRequest Request(TelcoData data) => new()
    {
        Schema = data.Schema,
        Rows = data.Rows,
        LabelColumn = "Churn",
    };

    [Fact]
    public async Task LogisticRegressionReachesAuc084OnTheHeldOutTestSplit()
    {
        var data = TelcoData.Get();

        var result = await _trainer.TrainAsync(Request(data), ct: TestContext.Current.CancellationToken);

        output.WriteLine($"logistic test {result.Test} in {result.Duration}");
        output.WriteLine(string.Join(Environment.NewLine, result.Warnings));
        Assert.InRange(result.Test.RocAuc, 0.84, 0.90);
        Assert.Equal(1127, result.Test.Rows);
    }

    /// <summary>Measured 0.8502 ± 0.0108 (seed 42, 5 folds × 2 repeats); the floor sits under it so that a change of
    /// platform arithmetic cannot flake it, while losing the features or the ensemble (logistic alone: 0.8488) would be caught
    /// only together with a real drop. The budget is lifted so a loaded machine cannot cut the repeats.</summary>
    [Fact]
    public async Task EnsembleCrossValidatesToAtLeast0847OnTheIbmSample()
    {
        var data = TelcoData.Get();

        var result = await _trainer.TrainAsync(Request(data) with { Trainer = "ensemble", CrossValidationBudget = TimeSpan.FromHours(1) },
            ct: TestContext.Current.CancellationToken);

        output.WriteLine(result.Headline);
        Assert.Equal(10, result.Folds.Count);
        Assert.Equal(data.Rows.Count, result.CrossValidation!.Rows);
        Assert.True(result.CrossValidation.RocAucMean >= 0.847, result.Headline);
    }

    [Fact]
    public async Task DefaultSweepBestReachesAuc085WithoutLeakage()
    {
        var data = TelcoData.Get();

        var result = await _trainer.TrainAsync(Request(data) with { Sweep = new SweepOptions { Trials = 8 } }, ct: TestContext.Current.CancellationToken);

        foreach (var t in result.Trials) output.WriteLine($"{t.Step} {t.Trainer} {string.Join(",", t.Params.Select(p => $"{p.Key}={p.Value}"))} val {t.Validation.RocAuc:F4} {t.Duration.TotalSeconds:F1}s");
        output.WriteLine($"best {result.Trainer} test {result.Test} in {result.Duration}");
        Assert.InRange(result.Test.RocAuc, 0.85, 0.90);
    }
}
