namespace Telco.InsightPortal.UI;

/// <summary>One axis of a <see cref="ParallelCoordinates"/> chart: a value per line, in the same order on every
/// axis. A categorical axis holds codes 0..k-1 and names them in <paramref name="Categories"/>.</summary>
public sealed record ParallelAxis(string Label, IReadOnlyList<double> Values, IReadOnlyList<string>? Categories = null);
