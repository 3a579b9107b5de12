using System.Globalization;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Scoring;
using Telco.InsightPortal.Ml.Tests.Support;
using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml.Tests;

public sealed class EnsembleTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ChurnTrainer _trainer = new();

    public void Dispose() => _root.Dispose();

    private async Task<TrainingResult> TrainAsync(TrainingRequest request, string directory) =>
        await _trainer.TrainAsync(request with { ArtifactDirectory = Path.Combine(_root.Path, directory) }, ct: TestContext.Current.CancellationToken);

    /// <summary>Each test row of a run (its index in the rows given to the run) with the probability training wrote for it.</summary>
    private (int Row, float Probability)[] Predictions(string directory) =>
        [.. File.ReadLines(Path.Combine(_root.Path, directory, ArtifactNames.Predictions)).Skip(1).Select(l => l.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), float.Parse(f[3], CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task EnsembleLoadsFromTheArtifactRootOnlyWithItsHashAndScoresThroughTheServingPathAsInTraining()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.Ensemble);
        var rows = (IReadOnlyList<object?[]>)request.Rows;
        var result = await TrainAsync(request, "ensemble");
        var loader = new ModelLoader(_root.Path);
        var signature = ModelSignature.Read(Path.Combine(_root.Path, "ensemble", ArtifactNames.Signature));

        var loaded = loader.Load("ensemble/model.zip", result.Model!.Sha256);
        var scorer = new ChurnScorer(loaded.Model, signature.Schema);
        var engine = new RowEngine(loaded.Model, signature.Schema);
        var expected = Predictions("ensemble");
        var batch = scorer.Score([.. expected.Select(p => rows[p.Row])], TestContext.Current.CancellationToken);
        var single = expected.Select(p => engine.Score(rows[p.Row])).ToArray();

        Assert.Equal(TrainerCatalog.Ensemble, result.Trainer);
        Assert.Throws<ModelLoadException>(() => loader.Load("ensemble/model.zip", new string('0', 64)));
        Assert.Equal(expected.Select(p => p.Probability), batch, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(batch, single, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.All(batch, p => Assert.InRange(p, 0f, 1f));
        Assert.True(batch.Distinct().Count() > batch.Length / 2);
    }

    [Fact]
    public async Task EnsembleProbabilityIsTheLogisticOfItsMembersMeanLogOdds()
    {
        // Without cross-validation nothing recalibrates the ensemble, so its members can be trained alone and compared.
        var request = GeneratedTelco.Request(TrainerCatalog.Ensemble) with { CrossValidationFolds = 0 };
        var boosted = TrainerCatalog.Get(TrainerCatalog.LightGbm).Parameters.ToDictionary(p => p.Name, p => TrainerCatalog.Get(TrainerCatalog.Ensemble).Defaults[p.Name]);

        await TrainAsync(request, "ensemble");
        await TrainAsync(request with { Trainer = TrainerCatalog.Logistic }, "logistic");
        await TrainAsync(request with { Trainer = TrainerCatalog.LightGbm, Params = boosted }, "lightgbm");

        var linear = Predictions("logistic").Select(p => LogOdds(p.Probability));
        var trees = Predictions("lightgbm").Select(p => LogOdds(p.Probability));
        var mean = linear.Zip(trees, (a, b) => (float)(1 / (1 + Math.Exp(-(a + b) / 2))));
        Assert.Equal(mean, Predictions("ensemble").Select(p => p.Probability), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public async Task EnsembleExplainsWithTheMeanOfItsMembersContributionsInLogOddsAndNoBias()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.Ensemble) with { CrossValidationFolds = 0 };
        var boosted = TrainerCatalog.Get(TrainerCatalog.LightGbm).Parameters.ToDictionary(p => p.Name, p => TrainerCatalog.Get(TrainerCatalog.Ensemble).Defaults[p.Name]);
        var rows = ((IReadOnlyList<object?[]>)request.Rows).Take(30).ToList();

        var ensemble = await ExplainAsync(request, "ensemble", rows);
        var linear = await ExplainAsync(request with { Trainer = TrainerCatalog.Logistic }, "logistic", rows);
        var trees = await ExplainAsync(request with { Trainer = TrainerCatalog.LightGbm, Params = boosted }, "lightgbm", rows);

        // LightGBM's probability is a sigmoid of its raw score: its log-odds per unit of score, read off two rows.
        var perScore = (LogOdds(trees[0].Probability) - LogOdds(trees[1].Probability)) / (trees[0].Score - trees[1].Score);
        var inputs = request.Schema.Columns.Where(c => c.Role == Core.Data.ColumnRole.Feature).Select(c => c.Name).ToHashSet();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Null(ensemble[i].Bias);
            Assert.Subset(inputs, ensemble[i].Contributions.Select(c => c.Column).ToHashSet());
            foreach (var c in ensemble[i].Contributions)
            {
                var expected = 0.5 * Of(linear[i], c.Column) + 0.5 * perScore * Of(trees[i], c.Column);
                Assert.Equal(expected, c.Contribution, 1e-3);
            }
        }
    }

    private async Task<IReadOnlyList<RowExplanation>> ExplainAsync(TrainingRequest request, string directory, IReadOnlyList<object?[]> rows)
    {
        var result = await TrainAsync(request, directory);
        var scorer = new ChurnScorer(new ModelLoader(_root.Path).Load($"{directory}/model.zip", result.Model!.Sha256).Model, request.Schema);
        Assert.True(scorer.CanExplain);
        return scorer.ExplainRows(rows, TestContext.Current.CancellationToken);
    }

    private static double Of(RowExplanation row, string column) => row.Contributions.FirstOrDefault(c => c.Column == column)?.Contribution ?? 0;

    [Fact]
    public async Task ASweepOffersTheEnsembleWithBothMembersParameters()
    {
        var request = GeneratedTelco.Request(TrainerCatalog.Ensemble, rows: 600) with
        {
            Sweep = new SweepOptions { Trainers = [TrainerCatalog.Ensemble], Trials = 2 },
            CrossValidationRepeats = 1,
        };

        var result = await _trainer.TrainAsync(request, ct: TestContext.Current.CancellationToken);

        Assert.Equal(TrainerCatalog.Ensemble, result.Trainer);
        Assert.All(result.Trials, t => Assert.Equal(TrainerCatalog.Ensemble, t.Trainer));
        var members = TrainerCatalog.Get(TrainerCatalog.Logistic).Parameters.Concat(TrainerCatalog.Get(TrainerCatalog.LightGbm).Parameters);
        Assert.Equal(members.Select(p => p.Name).Order(), result.Params.Keys.Order());
        Assert.NotEqual(result.Trials[0].Params, result.Trials[1].Params);
    }

    private static double LogOdds(float p) => Math.Log(Math.Max(p, 1e-7) / Math.Max(1 - p, 1e-7));
}
