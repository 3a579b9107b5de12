namespace Telco.Apps.ChurnExplorer.Tests;

/// <summary>The obvious answers the search must agree with: every subset of the catalog, checked one by one.</summary>
internal static class BruteForce
{
    /// <summary>Every non-empty set of offers that all do something for the customer and change no column twice,
    /// ordered by cost, then by the offers' positions in the cost-sorted catalog.</summary>
    public static List<(RetentionOffer[] Offers, double Cost)> Sets(IReadOnlyDictionary<string, object?> row, OfferCatalog catalog)
    {
        var offers = catalog.Offers.Where(o => o.Changes.Any(c => row.TryGetValue(c.Column, out var v) && c.TryApply(v, out _))).OrderBy(o => o.Cost).ToArray();
        var sets = new List<(int[] Indices, RetentionOffer[] Offers, double Cost)>();
        for (var mask = 1; mask < 1 << offers.Length; mask++)
        {
            var indices = Enumerable.Range(0, offers.Length).Where(i => (mask & (1 << i)) != 0).ToArray();
            var columns = indices.SelectMany(i => offers[i].Changes.Select(c => c.Column)).ToList();
            if (columns.Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Count) continue;
            var cost = 0.0;
            foreach (var i in indices) cost += offers[i].Cost;
            sets.Add((indices, [.. indices.Select(i => offers[i])], cost));
        }
        sets.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : Lexicographic(a.Indices, b.Indices));
        return [.. sets.Select(s => (s.Offers, s.Cost))];
    }

    /// <summary>The row after the offers: each change that does something written in.</summary>
    public static Dictionary<string, object?> Apply(IReadOnlyDictionary<string, object?> row, IEnumerable<RetentionOffer> offers)
    {
        var changed = new Dictionary<string, object?>(row);
        foreach (var change in offers.SelectMany(o => o.Changes))
            if (row.TryGetValue(change.Column, out var current) && change.TryApply(current, out var value))
                changed[change.Column] = value;
        return changed;
    }

    private static int Lexicographic(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }
}
