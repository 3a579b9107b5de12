namespace Telco.InsightPortal.UI;

/// <summary>One marker of a <see cref="ScatterChart"/>: where it stands, the value its colour shows, the weight its
/// size shows, and the label its hover text names it by.</summary>
public sealed record ScatterPoint(string Label, double X, double Y, double Colour, double Size);
