namespace Telco.InsightPortal.UI.Figures;

/// <summary>Labels that fit under an axis: long ones are cut with an ellipsis, and the chart shows the full text on hover.</summary>
public static class ChartText
{
    public const int MaxTickLength = 18;

    public static string Abbreviate(string label, int max = MaxTickLength) =>
        label.Length <= max ? label : label[..(max - 1)].TrimEnd() + "…";
}
