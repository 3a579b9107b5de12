namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>The dataset-level verdict: the worst status over the features that could be judged, and how many features
/// have each status. With no judged feature at all the verdict is <see cref="DriftStatus.Insufficient"/>.</summary>
public sealed record DatasetDrift(DriftStatus Worst, IReadOnlyDictionary<DriftStatus, int> Counts, IReadOnlyList<FeatureDrift> Features)
{
    public static DatasetDrift From(IEnumerable<FeatureDrift> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var list = features.ToList();
        var counts = Enum.GetValues<DriftStatus>().ToDictionary(s => s, s => list.Count(f => f.Status == s));
        var worst = counts[DriftStatus.Alert] > 0 ? DriftStatus.Alert
            : counts[DriftStatus.Warn] > 0 ? DriftStatus.Warn
            : counts[DriftStatus.Ok] > 0 ? DriftStatus.Ok
            : DriftStatus.Insufficient;
        return new DatasetDrift(worst, counts, list);
    }
}
