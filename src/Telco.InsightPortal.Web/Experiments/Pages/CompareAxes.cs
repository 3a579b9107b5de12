using System.Globalization;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.UI;

namespace Telco.InsightPortal.Web.Experiments.Pages;

/// <summary>The parallel-coordinates axes of a comparison: each param every compared run logged (numeric as
/// numbers, others as categories, such as the trainer), then the chosen metric. A param some runs lack, or a
/// run without the metric, cannot be drawn as a line across all axes; those are named instead.</summary>
public static class CompareAxes
{
    public const int MaxCategories = 12;

    /// <summary>The axes, the run drawn as each line (in the axes' value order), and what could not be drawn.</summary>
    public sealed record Result(IReadOnlyList<ParallelAxis> Axes, IReadOnlyList<string> Lines, IReadOnlyList<string> LeftOut);

    public static Result Build(IReadOnlyList<Run> runs, string metric)
    {
        var leftOut = new List<string>();
        var drawn = runs.Where(r => RunView.Metric(r, metric) is { } v && double.IsFinite(v)).ToList();
        leftOut.AddRange(runs.Except(drawn).Select(r => $"run {r.Info.RunName} (no {metric})"));
        if (drawn.Count == 0) return new([], [], leftOut);

        var axes = new List<ParallelAxis>();
        foreach (var key in drawn.SelectMany(r => r.Params.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal))
        {
            var values = drawn.Select(r => r.Params.FirstOrDefault(p => p.Key == key)?.Value).ToList();
            if (values.Any(v => v is null))
            {
                leftOut.Add($"param {key} (not logged by every run)");
                continue;
            }
            var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null).ToList();
            if (numbers.All(n => n is not null))
            {
                axes.Add(new ParallelAxis(key, numbers.Select(n => n!.Value).ToList()));
                continue;
            }
            var categories = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()!;
            if (categories.Count > MaxCategories) leftOut.Add($"param {key} (more than {MaxCategories} distinct values)");
            else axes.Add(new ParallelAxis(key, values.Select(v => (double)categories.IndexOf(v)).ToList(), categories!));
        }
        axes.Add(new ParallelAxis(metric, drawn.Select(r => RunView.Metric(r, metric)!.Value).ToList()));
        return new(axes, drawn.Select(r => r.Info.RunName).ToList(), leftOut);
    }
}
