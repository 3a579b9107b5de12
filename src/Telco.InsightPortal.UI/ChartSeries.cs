namespace Telco.InsightPortal.UI;

/// <summary>One line of a <see cref="LineChart"/>: points in order, optionally dashed (a reference line).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Dashed = false);
