namespace Telco.InsightPortal.UI;

/// <summary>One axis of a <see cref="ParallelCoordinates"/> chart: a value per line, in the same order on every
/// axis. A categorical axis holds codes 0..k-1 and names them in <paramref name="Categories"/>.</summary>
public sealed record ParallelAxis(string Label, IReadOnlyList<double> Values, IReadOnlyList<string>? Categories = null)
{
    /// <summary>Where each value sits on the axis, 0 (bottom) to 1 (top); a constant axis puts all at the middle.</summary>
    public IReadOnlyList<double> Positions()
    {
        var (min, max) = Categories is { } c ? (0d, Math.Max(0, c.Count - 1d)) : (Values.DefaultIfEmpty().Min(), Values.DefaultIfEmpty().Max());
        return Values.Select(v => max > min ? (v - min) / (max - min) : 0.5).ToList();
    }

    /// <summary>The labels along the axis: each category at its place, or the smallest and largest value.</summary>
    public IReadOnlyList<(double Position, string Text)> Ticks()
    {
        if (Categories is { } names)
            return names.Select((n, i) => (names.Count > 1 ? i / (names.Count - 1d) : 0.5, n)).ToList();
        if (Values.Count == 0) return [];
        var (min, max) = (Values.Min(), Values.Max());
        return max > min ? [(0, Format(min)), (1, Format(max))] : [(0.5, Format(min))];
    }

    public static string Format(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
