namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Drift of a numeric feature: PSI over the reference's decile bins and the two-sample Kolmogorov–Smirnov
/// test.</summary>
public static class NumericDrift
{
    /// <exception cref="ArgumentException">A value is NaN or infinite, or a sample holds more than
    /// <see cref="MonitoringLimits.MaxSampleSize"/> values; the message names the feature.</exception>
    public static FeatureDrift Compare(string name, IReadOnlyList<double> reference, IReadOnlyList<double> current, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        thresholds ??= DriftThresholds.Default;
        var r = SampleGuard.FiniteCopy(reference, name, nameof(reference));
        var c = SampleGuard.FiniteCopy(current, name, nameof(current));
        if (r.Length < thresholds.MinSampleSize || c.Length < thresholds.MinSampleSize)
        {
            return FeatureDrift.Insufficient(name, FeatureKind.Numeric, r.Length, c.Length, thresholds.MinSampleSize);
        }

        Array.Sort(r);
        Array.Sort(c);
        var bins = DecileBins.FromSortedReference(r);
        var psi = PopulationStability.Index(bins.CountSorted(r), bins.CountSorted(c), r.Length, c.Length);
        var d = KolmogorovSmirnov.Statistic(r, c);
        var p = KolmogorovSmirnov.PValue(d, r.Length, c.Length);
        return new FeatureDrift(name, FeatureKind.Numeric, r.Length, c.Length, psi, d, p, thresholds.Classify(psi, p));
    }
}
