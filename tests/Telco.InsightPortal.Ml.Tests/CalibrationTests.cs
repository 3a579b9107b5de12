using Microsoft.ML;
using Microsoft.ML.Data;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Calibration;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Tests.Support;
using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class CalibrationTests : IDisposable
{
    // Many deep trees on 1,200 rows: sure of themselves on the rows they fitted, too sure on others.
    private static readonly Dictionary<string, double> Overfitting = new()
    {
        ["numberOfLeaves"] = 32, ["numberOfTrees"] = 100, ["minimumExampleCountPerLeaf"] = 2, ["learningRate"] = 0.3,
    };

    private readonly TempDirectory _root = new();
    private readonly ChurnTrainer _trainer = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task OverconfidentTreesAreRecalibratedOnOutOfFoldScoresWithoutChangingTheRanking()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.FastTree) with { Params = Overfitting };

        var calibrated = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var own = await _trainer.TrainAsync(request with { CrossValidationFolds = 0 }, ct: TestContext.Current.CancellationToken);

        Assert.Contains("Probabilities: Platt scaling fitted on the out-of-fold scores", calibrated.Split.Protocol);
        Assert.DoesNotContain("Platt", own.Split.Protocol);
        // Equal but for ties: a steep sigmoid rounds the most extreme scores to the same float probability.
        Assert.Equal(own.Test.RocAuc, calibrated.Test.RocAuc, 2e-3);
        Assert.True(calibrated.Test.LogLoss < own.Test.LogLoss, $"{calibrated.Test.LogLoss} against {own.Test.LogLoss}");
    }

    [Fact]
    public async Task CalibratedProbabilityRisesWithTheScore()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.FastTree) with { Params = Overfitting, ArtifactDirectory = _root.Path };
        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load("model.zip", result.Model!.Sha256).Model, request.Schema);

        var explained = scorer.ExplainRows(GeneratedTelco.Rows(300, seed: 9), TestContext.Current.CancellationToken).OrderBy(e => e.Score).ToList();

        Assert.Contains("Platt scaling fitted", result.Split.Protocol);
        Assert.All(explained.Zip(explained.Skip(1)), pair => Assert.True(pair.First.Probability <= pair.Second.Probability));
        Assert.True(explained[^1].Probability - explained[0].Probability > 0.5);
    }

    [Fact]
    public void TheOtherFoldsDecideWhetherPlattScalingHelps()
    {
        var ml = new MLContext(1);

        var overconfident = HeldOutCalibration.Assess(ml, Folds(scale: 4));
        var honest = HeldOutCalibration.Assess(ml, Folds(scale: 1));

        Assert.True(overconfident.Helps, overconfident.ToString());
        Assert.True(overconfident.OwnLogLoss - overconfident.PlattLogLoss > 0.05, overconfident.ToString());
        Assert.True(Math.Abs(honest.OwnLogLoss - honest.PlattLogLoss) < 0.005, honest.ToString());
    }

    [Fact]
    public void ScoresThatRankChurnersLowerGetNoCalibrator()
    {
        var backwards = Folds(scale: -1).HeldOut;

        var appended = HeldOutCalibration.Append(new MLContext(1), new TransformerChain<ITransformer>(),
            [.. backwards.SelectMany(f => f.Scores)], [.. backwards.SelectMany(f => f.Labels)]);

        Assert.Null(appended);
    }

    /// <summary>Five folds of one repeat whose labels follow σ(z) and whose model said σ(scale · z): scale 1 is calibrated,
    /// above 1 overconfident.</summary>
    private static CrossValidationRun Folds(double scale)
    {
        var random = new Random(5);
        var folds = Enumerable.Range(1, 5).Select(_ =>
        {
            var z = Enumerable.Range(0, 800).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            var labels = z.Select(v => random.NextDouble() < 1 / (1 + Math.Exp(-v))).ToArray();
            return new HeldOutFold(1, [.. Enumerable.Range(0, 800)], [.. z.Select(v => (float)(scale * v))], labels);
        }).ToList();
        var metrics = folds.Select((f, i) => new FoldMetrics(i + 1,
            BinaryEvaluator.Evaluate([.. f.Scores.Select(s => (float)(1 / (1 + Math.Exp(-s))))], f.Labels, 0.5))).ToList();
        return new CrossValidationRun(metrics, CrossValidationEstimate.Of(metrics, 4000), folds);
    }
}
