namespace Telco.InsightPortal.UI;

/// <summary>What a <see cref="ScatterChart"/> draws; see <see cref="Figures.ScatterFigure"/>.</summary>
public sealed record ScatterSpec(string Title, string XTitle, string YTitle, string ColourTitle, IReadOnlyList<ScatterPoint> Points,
    IReadOnlyList<ColourStop>? ColourScale = null, double ColourMin = 0, double ColourMax = 1, double? YScaleRatio = null);
