using Telco.InsightPortal.Core.Monitoring;

namespace Telco.InsightPortal.Data.Monitoring;

/// <summary>A window's estimated figures from its probability histogram (cells of any layouts and hours, merged).</summary>
public static class WindowEstimate
{
    public static EstimatedFigures? From(IReadOnlyList<HistogramRow> cells)
    {
        if (cells.Count == 0) return null;
        var merged = cells.GroupBy(c => (c.Bin, c.Predicted))
            .Select(g => new ProbabilityBin(g.Key.Bin, g.Key.Predicted == 1, g.Sum(c => c.Count), g.Sum(c => c.Sum), g.Sum(c => c.Squares))).ToList();
        var e = BinnedEstimate.From(merged);
        return e is null ? null : new EstimatedFigures(merged.Sum(c => c.Count), e.Accuracy, e.Precision, e.Recall, e.RocAuc);
    }
}
