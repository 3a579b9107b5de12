using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Tests.Support;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class ScoringTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("logistic")]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public async Task LoadedModelScoresABatchAsTrainingDidAndExplainsByInputColumn(string trainer)
    {
        var data = new SyntheticChurn();
        var result = await new ChurnTrainer().TrainAsync(data.Request(trainer) with { ArtifactDirectory = Path.Combine(_root.Path, trainer) },
            ct: TestContext.Current.CancellationToken);
        var loaded = new ModelLoader(_root.Path).Load($"{trainer}/model.zip", result.Model!.Sha256);
        var scorer = new ChurnScorer(loaded.Model, data.Schema);
        var lines = File.ReadAllLines(Path.Combine(_root.Path, trainer, ArtifactNames.Predictions)).Skip(1).Select(l => l.Split(',')).ToList();
        var rows = data.Build();
        var batch = lines.Select(l => rows[int.Parse(l[0])]).ToList();

        var probabilities = scorer.Score(batch, TestContext.Current.CancellationToken);
        var explanations = scorer.Explain(batch, top: 3, TestContext.Current.CancellationToken);

        Assert.Equal(lines.Select(l => float.Parse(l[3])), probabilities, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(batch.Count, explanations.Count);
        Assert.All(explanations, e => Assert.Subset(new HashSet<string> { "contract", "tenure", "monthly" }, e.Select(c => c.Column).ToHashSet()));
    }

    [Fact]
    public async Task ForestExplainsThroughItsCalibratorsWithoutABias()
    {
        // The forest's own Platt step and the held-out one are calibrators, not the predictor to explain.
        var data = new SyntheticChurn();
        var result = await new ChurnTrainer().TrainAsync(data.Request("fastforest") with { ArtifactDirectory = _root.Path }, ct: TestContext.Current.CancellationToken);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load("model.zip", result.Model!.Sha256).Model, data.Schema);

        var explanations = scorer.ExplainRows(data.Build().Take(10).ToList(), TestContext.Current.CancellationToken);

        Assert.True(scorer.CanExplain);
        Assert.All(explanations, e => Assert.Null(e.Bias));
        Assert.All(explanations, e => Assert.Subset(new HashSet<string> { "contract", "tenure", "monthly" }, e.Contributions.Select(c => c.Column).ToHashSet()));
    }

    [Fact]
    public async Task ScoringIgnoresTheLabelAndAcceptsMissingValues()
    {
        var data = new SyntheticChurn();
        var result = await new ChurnTrainer().TrainAsync(data.Request() with { ArtifactDirectory = _root.Path }, ct: TestContext.Current.CancellationToken);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load("model.zip", result.Model!.Sha256).Model, data.Schema);

        var p = scorer.Score([["C1", "Month-to-month", 1L, 95.0, null], ["C2", null, null, null, null], ["C3", "Two year", 70L, 20.0, "No"]], TestContext.Current.CancellationToken);

        Assert.Equal(3, p.Length);
        Assert.All(p, x => Assert.InRange(x, 0f, 1f));
        Assert.True(p[0] > p[2]);
    }
}
