namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>ROC AUC as the Mann–Whitney U: (sum of the positives' ranks − P(P + 1)/2) / (P·N), ranks averaged over
/// tied scores so a tie between a positive and a negative counts one half, as in the pairwise definition.</summary>
internal static class RankAuc
{
    /// <summary>1-based ranks of the scores in ascending order, tied scores sharing the mean of their ranks. Computed
    /// once per window so the Monte-Carlo bands can re-score many label draws in O(n) each.</summary>
    public static double[] AverageRanks(double[] scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        var ranks = new double[scores.Length];
        for (var start = 0; start < keys.Length;)
        {
            var end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    /// <summary>Null when either class is absent.</summary>
    public static double? FromRanks(double[] ranks, bool[] positive)
    {
        long positives = 0;
        var rankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++)
        {
            if (positive[i])
            {
                positives++;
                rankSum += ranks[i];
            }
        }

        long negatives = ranks.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
