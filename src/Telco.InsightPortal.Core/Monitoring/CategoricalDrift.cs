namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Drift of a categorical feature: PSI over every category seen in either sample and the chi-square test of
/// homogeneity (sparse categories pooled, see <see cref="DriftThresholds.MinExpectedCount"/>).</summary>
public static class CategoricalDrift
{
    /// <summary>A null value is a category of its own, so a column that starts arriving empty shows up as drift.</summary>
    public const string Missing = "(missing)";

    /// <exception cref="ArgumentException">A sample holds more than <see cref="MonitoringLimits.MaxSampleSize"/>
    /// values; the message names the feature.</exception>
    public static FeatureDrift Compare(string name, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        thresholds ??= DriftThresholds.Default;
        SampleGuard.CheckSize(reference.Count, name, nameof(reference));
        SampleGuard.CheckSize(current.Count, name, nameof(current));
        if (reference.Count < thresholds.MinSampleSize || current.Count < thresholds.MinSampleSize)
        {
            return FeatureDrift.Insufficient(name, FeatureKind.Categorical, reference.Count, current.Count, thresholds.MinSampleSize);
        }

        var table = new Dictionary<string, (long Reference, long Current)>(StringComparer.Ordinal);
        foreach (var value in reference)
        {
            var key = value ?? Missing;
            var cell = table.GetValueOrDefault(key);
            table[key] = (cell.Reference + 1, cell.Current);
        }

        foreach (var value in current)
        {
            var key = value ?? Missing;
            var cell = table.GetValueOrDefault(key);
            table[key] = (cell.Reference, cell.Current + 1);
        }

        var columns = table.Values.ToArray();
        var psi = PopulationStability.Index(
            columns.Select(c => c.Reference).ToArray(), columns.Select(c => c.Current).ToArray(), reference.Count, current.Count);
        var (statistic, p) = ChiSquareHomogeneity.Test(columns, thresholds.MinExpectedCount);
        return new FeatureDrift(name, FeatureKind.Categorical, reference.Count, current.Count, psi, statistic, p, thresholds.Classify(psi, p));
    }
}
