using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Tests.Support;
using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class CalibrationTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ChurnTrainer _trainer = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task TreeProbabilitiesAreRecalibratedOnOutOfFoldScoresWithoutChangingTheRanking()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.LightGbm);

        var calibrated = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var own = await _trainer.TrainAsync(request with { CrossValidationFolds = 0 }, ct: TestContext.Current.CancellationToken);

        Assert.Contains("Platt scaling fitted on the out-of-fold scores", calibrated.Split.Protocol);
        Assert.DoesNotContain("Platt", own.Split.Protocol);
        Assert.Equal(own.Test.RocAuc, calibrated.Test.RocAuc, 1e-12);
        Assert.NotEqual(own.Test.LogLoss, calibrated.Test.LogLoss);
    }

    [Fact]
    public async Task CalibratedProbabilityRisesWithTheScore()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.FastTree) with { ArtifactDirectory = _root.Path };
        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load("model.zip", result.Model!.Sha256).Model, request.Schema);

        var explained = scorer.ExplainRows(GeneratedTelco.Rows(300, seed: 9), TestContext.Current.CancellationToken).OrderBy(e => e.Score).ToList();

        Assert.All(explained.Zip(explained.Skip(1)), pair => Assert.True(pair.First.Probability <= pair.Second.Probability));
        Assert.True(explained[^1].Probability - explained[0].Probability > 0.5);
    }

    [Fact]
    public async Task TheLinearModelKeepsItsOwnCalibration()
    {
        var result = await _trainer.TrainAsync(GeneratedTelco.Request(TrainerCatalog.Logistic), ct: TestContext.Current.CancellationToken);

        Assert.NotNull(result.CrossValidation);
        Assert.DoesNotContain("Platt", result.Split.Protocol);
    }
}
