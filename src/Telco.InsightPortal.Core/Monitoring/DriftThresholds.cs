namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>When drift becomes a warning or an alert. Plain init properties with defaults so the record binds from a
/// configuration section (<c>configuration.GetSection("Monitoring:Drift").Get&lt;DriftThresholds&gt;()</c>).</summary>
/// <remarks>
/// The test's p-value is the gate and PSI the grade: a feature is flagged only when the difference is significant
/// (p &lt; <see cref="PValue"/>) and large enough (PSI ≥ <see cref="PsiWarn"/> or <see cref="PsiAlert"/>). Either signal
/// alone misleads: in a window of a million rows the test rejects shifts nobody cares about, and in a small window PSI
/// over ten bins is biased upwards by about 9·(1/n + 1/m) with no drift at all (0.6 at n = m = 30).
/// </remarks>
public sealed record DriftThresholds
{
    public double PsiWarn { get; init; } = 0.1;

    public double PsiAlert { get; init; } = 0.25;

    public double PValue { get; init; } = 0.01;

    /// <summary>Fewer values than this on either side gives <see cref="DriftStatus.Insufficient"/>.</summary>
    public int MinSampleSize { get; init; } = 30;

    /// <summary>Categories whose expected count is below this in either sample are pooled before the chi-square test
    /// (Cochran's rule of thumb: the chi-square approximation needs expected counts of about 5).</summary>
    public double MinExpectedCount { get; init; } = 5;

    public static DriftThresholds Default { get; } = new();

    /// <summary>Refuses values a configuration file could carry but that make no sense together.</summary>
    public void Validate()
    {
        if (!(PsiWarn > 0 && PsiWarn <= PsiAlert && double.IsFinite(PsiAlert)))
        {
            throw new ArgumentException($"Drift thresholds need 0 < PsiWarn ≤ PsiAlert (got {PsiWarn} and {PsiAlert}).");
        }

        if (!(PValue > 0 && PValue < 1))
        {
            throw new ArgumentException($"The drift p-value threshold must lie in (0, 1) (got {PValue}).");
        }

        if (MinSampleSize < 2)
        {
            throw new ArgumentException($"The minimum sample size must be at least 2 (got {MinSampleSize}).");
        }

        if (!(MinExpectedCount >= 0 && double.IsFinite(MinExpectedCount)))
        {
            throw new ArgumentException($"The minimum expected count must be a finite number ≥ 0 (got {MinExpectedCount}).");
        }
    }

    internal DriftStatus Classify(double psi, double pValue)
    {
        if (pValue >= PValue)
        {
            return DriftStatus.Ok;
        }

        return psi >= PsiAlert ? DriftStatus.Alert : psi >= PsiWarn ? DriftStatus.Warn : DriftStatus.Ok;
    }
}
