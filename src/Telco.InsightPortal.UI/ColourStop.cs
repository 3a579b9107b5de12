namespace Telco.InsightPortal.UI;

/// <summary>A stop of a colour scale: the colour at a position from 0 (the scale's minimum) to 1 (its maximum).</summary>
public sealed record ColourStop(double At, string Colour);
