namespace Telco.Apps.RoiThreshold;

/// <summary>
/// Confusion counts and net value at any threshold over a fixed set of held-out (score, label) pairs. The scores
/// are sorted once when the curve is built, with a running count of positives, so a slider move costs a binary
/// search (O(log n)) rather than a pass over every prediction. A row is predicted positive when score ≥ threshold.
/// </summary>
public sealed class RoiCurve
{
    // Scores ascending; _positivesFrom[i] = positives among _scores[i..], so "predicted positive at threshold t" is
    // the suffix starting at the first score ≥ t. Ascending order with suffix counts is the same information as a
    // descending sort with prefix counts, and lets Array.Sort and the binary search run in their natural direction.
    private readonly double[] _scores;
    private readonly int[] _positivesFrom;

    public int Count => _scores.Length;
    public int Positives => _positivesFrom[0];
    public int Negatives => Count - Positives;

    public RoiCurve(IReadOnlyList<(double Score, bool Label)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new double[rows.Count];
        var labels = new bool[rows.Count];
        for (var i = 0; i < scores.Length; i++) (scores[i], labels[i]) = rows[i];
        (_scores, _positivesFrom) = Build(scores, labels);
    }

    public RoiCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"There are {scores.Length} scores but {labels.Length} labels; each score needs exactly one label.", nameof(labels));
        (_scores, _positivesFrom) = Build(scores.ToArray(), labels.ToArray());
    }

    /// <summary>Validates, then sorts the copies it is given (they are owned by the curve from here on).</summary>
    private static (double[] Scores, int[] PositivesFrom) Build(double[] scores, bool[] labels)
    {
        if (scores.Length == 0) throw new ArgumentException("An ROI curve needs at least one (score, label) row.", nameof(scores));
        for (var i = 0; i < scores.Length; i++)
        {
            // NaN fails both comparisons, so this one test also rejects NaN and ±infinity.
            if (!(scores[i] >= 0 && scores[i] <= 1))
                throw new ArgumentException($"Score at row {i} is {scores[i]}; scores must be finite probabilities between 0 and 1.", nameof(scores));
        }
        Array.Sort(scores, labels);
        var positivesFrom = new int[scores.Length + 1];
        for (var i = scores.Length - 1; i >= 0; i--) positivesFrom[i] = positivesFrom[i + 1] + (labels[i] ? 1 : 0);
        return (scores, positivesFrom);
    }

    /// <summary>Counts when every score ≥ <paramref name="threshold"/> is predicted positive. Any finite or infinite
    /// threshold is accepted (below 0 predicts everyone, above 1 predicts no one); NaN is rejected.</summary>
    public ConfusionCounts At(double threshold)
    {
        if (double.IsNaN(threshold)) throw new ArgumentException("The threshold is not a number.", nameof(threshold));
        return CountsFrom(FirstAtOrAbove(threshold));
    }

    public RoiPoint PointAt(double threshold, CostMatrix costs)
    {
        costs.EnsureValid();
        var counts = At(threshold);
        return new RoiPoint(threshold, counts, counts.NetValue(costs));
    }

    /// <summary>Net value at <paramref name="points"/> evenly spaced thresholds from 0 to 1 inclusive (0, 0.01, …, 1 by default).</summary>
    public IReadOnlyList<RoiPoint> Sweep(CostMatrix costs, int points = 101)
    {
        costs.EnsureValid();
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var result = new RoiPoint[points];
        for (var i = 0; i < points; i++)
        {
            // i / (points - 1) rather than accumulating a step, so the last threshold is exactly 1.0.
            var threshold = (double)i / (points - 1);
            var counts = CountsFrom(FirstAtOrAbove(threshold));
            result[i] = new RoiPoint(threshold, counts, counts.NetValue(costs));
        }
        return result;
    }

    /// <summary>
    /// The threshold with the highest net value. Counts only change at a score, so evaluating exactly at every
    /// distinct score, plus one threshold above them all (predict no one), covers every possible outcome. On a
    /// tie the higher threshold wins: the same value for fewer offers handed out. The predict-no-one threshold is
    /// 1.0 when every score is below 1, else the next double above 1.0. O(n) after the sort.
    /// </summary>
    public RoiPoint Best(CostMatrix costs)
    {
        costs.EnsureValid();
        var noneThreshold = _scores[^1] < 1.0 ? 1.0 : Math.BitIncrement(1.0);
        var none = CountsFrom(Count);
        var best = new RoiPoint(noneThreshold, none, none.NetValue(costs));
        // Walk from the highest score down, only replacing on a strictly greater value, so ties keep the higher threshold.
        var i = Count - 1;
        while (i >= 0)
        {
            var score = _scores[i];
            while (i > 0 && _scores[i - 1] == score) i--;
            var counts = CountsFrom(i);
            var value = counts.NetValue(costs);
            if (value > best.NetValue) best = new RoiPoint(score, counts, value);
            i--;
        }
        return best;
    }

    /// <summary>Counts when the rows from <paramref name="first"/> up (in ascending score order) are predicted positive.</summary>
    private ConfusionCounts CountsFrom(int first)
    {
        var truePositives = _positivesFrom[first];
        var falsePositives = Count - first - truePositives;
        return new ConfusionCounts(truePositives, falsePositives, Negatives - falsePositives, Positives - truePositives);
    }

    /// <summary>Index of the first score ≥ threshold (Count when none is): a lower bound by binary search.</summary>
    private int FirstAtOrAbove(double threshold)
    {
        int lo = 0, hi = _scores.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_scores[mid] < threshold) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
