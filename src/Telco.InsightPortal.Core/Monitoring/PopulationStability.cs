namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>The population stability index Σ (c − r)·ln(c / r) over bins, with r and c the reference and current
/// shares of each bin.</summary>
internal static class PopulationStability
{
    /// <summary>A bin empty on one side would make ln(c / r) infinite, so empty shares are raised to 1e-4 (the value
    /// NannyML and Evidently use): an empty bin facing 10 % on the other side then adds about 0.69, enough to alert on
    /// its own, without one empty bin swamping every other.</summary>
    public const double EmptyShare = 1e-4;

    public static double Index(ReadOnlySpan<long> reference, ReadOnlySpan<long> current, long referenceTotal, long currentTotal)
    {
        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Math.Max((double)reference[i] / referenceTotal, EmptyShare);
            var c = Math.Max((double)current[i] / currentTotal, EmptyShare);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }
}
