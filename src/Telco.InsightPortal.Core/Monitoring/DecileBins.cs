namespace Telco.InsightPortal.Core.Monitoring;

/// <summary>Bins cut at the reference's deciles. Bins are closed on the right, (e[i−1], e[i]], with open ends below the
/// first edge and above the last, so current values outside the reference's range still land somewhere.</summary>
/// <remarks>Ties collapse edges: a column that is 40 % zeros has one edge at 0 where it would have four, and a constant
/// column has the single edge c, splitting "at most c" from "above c". Fewer, wider bins are the honest answer.</remarks>
internal sealed class DecileBins
{
    private readonly double[] _edges;

    private DecileBins(double[] edges) => _edges = edges;

    public int Count => _edges.Length + 1;

    public static DecileBins FromSortedReference(double[] sortedReference)
    {
        var edges = new List<double>(9);
        for (var d = 1; d <= 9; d++)
        {
            var edge = Quantiles.Continuous(sortedReference, d / 10.0);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return new DecileBins([.. edges]);
    }

    public long[] CountSorted(double[] sorted)
    {
        var counts = new long[Count];
        var start = 0;
        for (var b = 0; b < _edges.Length; b++)
        {
            var end = UpperBound(sorted, _edges[b], start);
            counts[b] = end - start;
            start = end;
        }

        counts[^1] = sorted.Length - start;
        return counts;
    }

    // The first index at or after `from` whose value exceeds `edge`.
    private static int UpperBound(double[] sorted, double edge, int from)
    {
        int lo = from, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (sorted[mid] <= edge)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
