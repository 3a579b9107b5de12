using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Ml;

/// <summary>Everything one training run needs. Rows are in schema order and may reuse the same array
/// between items: they are copied as they are read.</summary>
public sealed record TrainingRequest
{
    public required DatasetSchema Schema { get; init; }
    public required IEnumerable<object?[]> Rows { get; init; }
    public required string LabelColumn { get; init; }

    /// <summary>One of <see cref="Trainers.TrainerCatalog.Names"/>; ignored when <see cref="Sweep"/> is set.</summary>
    public string Trainer { get; init; } = "logistic";
    /// <summary>Hyper-parameters by name; missing ones take their defaults.</summary>
    public IReadOnlyDictionary<string, double>? Params { get; init; }
    /// <summary>Feature columns to use; null means every column with role Feature.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>The label value that means "churned"; needed only when the two values are not Yes/No, 1/0 or true/false.</summary>
    public string? PositiveLabel { get; init; }

    public int Seed { get; init; } = 42;
    public SplitRatios Split { get; init; } = SplitRatios.Default;
    /// <summary>0 for none; otherwise stratified k-fold over all labelled rows for the chosen configuration, whose mean
    /// ROC AUC is the run's headline. Only the chosen configuration is cross-validated, so a sweep costs k × repeats fits more, not trials × that.</summary>
    public int CrossValidationFolds { get; init; } = 5;
    /// <summary>How many times the k folds are drawn afresh; more repeats steady the mean, each costs k fits.</summary>
    public int CrossValidationRepeats { get; init; } = 2;
    /// <summary>Above this many labelled rows, cross-validation runs on a stratified sample of this size, so a
    /// million-row run spends seconds on its estimate rather than ten full fits.</summary>
    public int CrossValidationMaxRows { get; init; } = 20_000;
    /// <summary>After the first repeat, no further repeat starts once this much time has gone on cross-validation, so a
    /// slow trainer costs one repeat more at most, as a sweep's budget ends its trials.</summary>
    public TimeSpan CrossValidationBudget { get; init; } = TimeSpan.FromSeconds(30);
    public SweepOptions? Sweep { get; init; }
    /// <summary>Probability at or above which a customer is predicted to churn.</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>Single-threaded trainers, so that the same data, params and seed give the same metrics.</summary>
    public bool Deterministic { get; init; } = true;
    /// <summary>A feature whose own ROC AUC on the train split reaches this is treated as leakage and excluded.</summary>
    public double LeakageAuc { get; init; } = 0.99;
    /// <summary>Where model.zip and the evaluation files go; null writes nothing.</summary>
    public string? ArtifactDirectory { get; init; }
    /// <summary>Test rows used for permutation importance; more only adds time.</summary>
    public int ImportanceSampleRows { get; init; } = 10_000;

    public const int MinimumRows = 50;
}
