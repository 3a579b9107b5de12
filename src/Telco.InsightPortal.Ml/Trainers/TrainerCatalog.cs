using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Telco.InsightPortal.Ml.Trainers;

/// <summary>The binary classifiers on offer: four single models and an ensemble of two. All produce a calibrated probability.</summary>
public static class TrainerCatalog
{
    public const string Logistic = "logistic";
    public const string FastTree = "fasttree";
    public const string LightGbm = "lightgbm";
    public const string FastForest = "fastforest";
    public const string Ensemble = "ensemble";

    private static readonly HyperParameter[] LogisticParameters =
    [
        new("l1Regularization", 0, 10, 0.01, Integer: false, [0.001, 0.01, 0.1], LogScale: true, "L1 penalty"),
        new("l2Regularization", 0, 10, 0.1, Integer: false, [0.01, 0.1, 1], LogScale: true, "L2 penalty"),
        new("maximumIterations", 10, 10_000, 200, Integer: true, [100, 200, 400], Description: "L-BFGS iterations"),
    ];

    public static IReadOnlyList<TrainerSpec> All { get; } =
    [
        new(Logistic, "L-BFGS logistic regression on min-max scaled features", needsNormalisation: true, LogisticParameters, CreateLogistic),
        new(FastTree, "gradient-boosted trees (FastTree)", needsNormalisation: false,
        [
            new("numberOfLeaves", 2, 256, 16, Integer: true, [8, 16, 32]),
            new("numberOfTrees", 10, 2000, 100, Integer: true, [50, 100, 200]),
            new("minimumExampleCountPerLeaf", 1, 1000, 20, Integer: true, [10, 20, 50]),
            new("learningRate", 0.001, 1, 0.1, Integer: false, [0.03, 0.1, 0.2], LogScale: true),
        ], CreateFastTree),
        new(LightGbm, "gradient-boosted trees (LightGBM)", needsNormalisation: false,
        [
            new("numberOfLeaves", 2, 1024, 16, Integer: true, [8, 16, 31]),
            new("numberOfIterations", 10, 5000, 150, Integer: true, [100, 150, 300]),
            new("learningRate", 0.001, 1, 0.05, Integer: false, [0.02, 0.05, 0.1], LogScale: true),
            new("minimumExampleCountPerLeaf", 1, 10_000, 30, Integer: true, [20, 30, 60]),
            new("featureFraction", 0.1, 1, 0.8, Integer: false, [0.6, 0.8, 1.0]),
        ], CreateLightGbm),
        new(FastForest, "random forest (FastForest) with Platt calibration", needsNormalisation: false,
        [
            new("numberOfTrees", 10, 1000, 200, Integer: true, [100, 200, 300]),
            new("numberOfLeaves", 2, 256, 32, Integer: true, [16, 32, 64]),
            new("minimumExampleCountPerLeaf", 1, 1000, 20, Integer: true, [10, 20, 50]),
            new("featureFraction", 0.1, 1, 0.7, Integer: false, [0.5, 0.7, 1.0]),
        ], CreateFastForest),
        // Small, slow-learning trees: on a few thousand rows they add to the linear model what it cannot bend to,
        // where LightGBM's own defaults mostly add variance.
        new(Ensemble, "logistic regression and LightGBM fitted on the same rows, their log-odds averaged", needsNormalisation: false,
        [
            .. LogisticParameters,
            new("numberOfLeaves", 2, 1024, 2, Integer: true, [2, 4, 8]),
            new("numberOfIterations", 10, 5000, 600, Integer: true, [300, 600, 1000]),
            new("learningRate", 0.001, 1, 0.05, Integer: false, [0.02, 0.05, 0.1], LogScale: true),
            new("minimumExampleCountPerLeaf", 1, 10_000, 30, Integer: true, [20, 30, 60]),
            new("featureFraction", 0.1, 1, 0.5, Integer: false, [0.5, 0.7, 1.0]),
        ], EnsembleTrainer.Create),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToList();

    public static TrainerSpec Get(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new TrainingException($"Unknown trainer '{name}'; choose one of {string.Join(", ", Names)}.");

    private static int Int(IReadOnlyDictionary<string, double> p, string name) => (int)p[name];

    internal static IEstimator<ITransformer> CreateLogistic(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings s) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = s.Label,
            FeatureColumnName = s.Features,
            L1Regularization = (float)p["l1Regularization"],
            L2Regularization = (float)p["l2Regularization"],
            MaximumNumberOfIterations = Int(p, "maximumIterations"),
            NumberOfThreads = s.Threads,
        });

    private static IEstimator<ITransformer> CreateFastTree(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings s) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = s.Label,
            FeatureColumnName = s.Features,
            NumberOfLeaves = Int(p, "numberOfLeaves"),
            NumberOfTrees = Int(p, "numberOfTrees"),
            MinimumExampleCountPerLeaf = Int(p, "minimumExampleCountPerLeaf"),
            LearningRate = p["learningRate"],
            NumberOfThreads = s.Threads,
            Seed = s.Seed,
        });

    internal static IEstimator<ITransformer> CreateLightGbm(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings s) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = s.Label,
            FeatureColumnName = s.Features,
            NumberOfLeaves = Int(p, "numberOfLeaves"),
            NumberOfIterations = Int(p, "numberOfIterations"),
            LearningRate = p["learningRate"],
            MinimumExampleCountPerLeaf = Int(p, "minimumExampleCountPerLeaf"),
            Booster = new GradientBooster.Options { FeatureFraction = p["featureFraction"] },
            NumberOfThreads = s.Threads,
            Seed = s.Seed,
            // LightGBM's own switch for bit-identical results; with one thread it costs little.
            Deterministic = s.Threads == 1,
            Silent = true,
            Verbose = false,
        });

    private static IEstimator<ITransformer> CreateFastForest(MLContext ml, IReadOnlyDictionary<string, double> p, TrainerSettings s) =>
        ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                LabelColumnName = s.Label,
                FeatureColumnName = s.Features,
                NumberOfTrees = Int(p, "numberOfTrees"),
                NumberOfLeaves = Int(p, "numberOfLeaves"),
                MinimumExampleCountPerLeaf = Int(p, "minimumExampleCountPerLeaf"),
                FeatureFraction = p["featureFraction"],
                NumberOfThreads = s.Threads,
                Seed = s.Seed,
            })
            // A forest's score is a vote, not a probability; Platt scaling makes it one.
            .Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: s.Label));
}
