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
