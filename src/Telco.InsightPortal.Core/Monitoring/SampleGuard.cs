namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>The checks every entry point makes before computing: a bounded size and finite values, with messages that
/// name the feature so a monitoring run says which column is broken.</summary>
internal static class SampleGuard
{
    public static double[] FiniteCopy(IReadOnlyList<double> values, string feature, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        CheckSize(values.Count, feature, paramName);
        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Feature '{feature}': value {i} of the {paramName} sample is {v}; only finite numbers are accepted.", paramName);
            }

            copy[i] = v;
        }

        return copy;
    }

    public static void CheckSize(int count, string feature, string paramName)
    {
        if (count > MonitoringLimits.MaxSampleSize)
        {
            throw new ArgumentException($"Feature '{feature}': the {paramName} sample holds {count} values, more than {MonitoringLimits.MaxSampleSize}.", paramName);
        }
    }

    public static void CheckProbability(double p, int index, string paramName)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"Probability {index} is {p}; probabilities must lie in [0, 1].", paramName);
        }
    }
}
