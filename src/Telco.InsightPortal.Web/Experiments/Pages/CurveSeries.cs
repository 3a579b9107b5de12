using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.UI;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>Curve points as chart series, with the chance or perfect-calibration diagonal for reference.</summary>
public static class CurveSeries
{
    public static readonly ChartSeries Diagonal = new("Reference", [0d, 1d], [0d, 1d], Dashed: true);

    public static ChartSeries RocLine(string name, IReadOnlyList<RocPoint> points) =>
        new(name, points.Select(p => p.FalsePositiveRate).ToList(), points.Select(p => p.TruePositiveRate).ToList());

    public static IReadOnlyList<ChartSeries> Roc(string name, IReadOnlyList<RocPoint> points) => [RocLine(name, points), Diagonal];

    public static IReadOnlyList<ChartSeries> Calibration(IReadOnlyList<CalibrationBin> bins)
    {
        var filled = bins.Where(b => b.Count > 0).ToList();
        return [new("Observed", filled.Select(b => b.MeanPredicted).ToList(), filled.Select(b => b.ObservedRate).ToList()), Diagonal];
    }
}
