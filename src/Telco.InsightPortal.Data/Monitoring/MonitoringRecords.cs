using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>A time range cut into windows of <see cref="Width"/> ms: window w is [From + w·Width, From + (w + 1)·Width),
/// the last one cut at <see cref="To"/>. Times are ms since the epoch.</summary>
public sealed record WindowedRange(long From, long To, long Width)
{
    public int Count => (int)((To - From + Width - 1) / Width);

    public long Start(long window) => From + window * Width;

    public long End(long window) => Math.Min(To, From + (window + 1) * Width);
}

/// <summary>One layout of a deployment's log: which model version wrote it and its input names, in order.</summary>
public sealed record PredictionLayoutRecord
{
    public long Id { get; init; }
    public string ModelVersion { get; init; } = "";
    public string Columns { get; init; } = "[]";
}

/// <summary>What a training snapshot looked like, feature by feature, counted in the database. Immutable (a snapshot
/// never changes), so kept per snapshot id.</summary>
public sealed record TrainingReference(long SnapshotId, long DatasetId, long Rows, IReadOnlyList<ReferenceFeature> Features);

/// <summary>One input feature of the training snapshot: a number with its bins and counts per bin, or a category
/// with its counts per category (null: missing).</summary>
public sealed record ReferenceFeature(string Name, FeatureKind Kind, int Ordinal, NumericBins? Bins, IReadOnlyList<long>? BinCounts,
    IReadOnlyList<(string? Category, long Count)>? Categories);

/// <summary>How many of a window's logged inputs fell in one bin (numbers) or category (text) of one feature.</summary>
public sealed record WindowCount
{
    public int F { get; init; }
    public long W { get; init; }
    // long: SQLite hands back an Int64, which Dapper does not narrow into a nullable int.
    public long? B { get; init; }
    public string? C { get; init; }
    public long N { get; init; }
}

public sealed record MinuteRow
{
    public long W { get; init; }
    public long Requests { get; init; }
    public long Failed { get; init; }
    public long Dropped { get; init; }
}

public sealed record HistogramRow
{
    public long W { get; init; }
    public long LayoutId { get; init; }
    public int Bin { get; init; }
    public int Predicted { get; init; }
    public long Count { get; init; }
    public double Sum { get; init; }
    public double Squares { get; init; }
}

public sealed record LabelledRow
{
    public long W { get; init; }
    public long Labelled { get; init; }
    public long Tp { get; init; }
    public long Fp { get; init; }
    public long Tn { get; init; }
    public long Fn { get; init; }
    public double PositiveRankSum { get; init; }

    /// <summary>Rank-based ROC AUC; null when one class is absent.</summary>
    public double? RocAuc
    {
        get
        {
            double positives = Tp + Fn, negatives = Fp + Tn;
            return positives > 0 && negatives > 0 ? (PositiveRankSum - positives * (positives + 1) / 2) / (positives * negatives) : null;
        }
    }
}

public sealed record LatencyRow
{
    public long W { get; init; }
    public long Count { get; init; }
    public double? P50 { get; init; }
    public double? P95 { get; init; }
    public double? P99 { get; init; }
}

/// <summary>Everything the metrics of a range need, each list keyed by window.</summary>
public sealed record MetricRows(
    IReadOnlyList<MinuteRow> Minutes, IReadOnlyList<HistogramRow> Histogram, IReadOnlyList<LabelledRow> Labelled, IReadOnlyList<LatencyRow> Latency,
    IReadOnlyList<PredictionLayoutRecord> Layouts);
