using System.Globalization;
using Telco.InsightPortal.Web.Deployments.Client;

namespace Telco.InsightPortal.Web.Deployments.Pages;

/// <summary>
/// An input that the data derives from others, so a what-if must move it with them: in the IBM telco schema a
/// customer's TotalCharges is about tenure × MonthlyCharges. Left at its median while tenure drops from 35 to 2, it
/// describes a customer who paid 1,574 in two months, and the model (rightly) finds that strange. A rule applies only
/// to a schema that has all its columns as numbers; the rules are data, so another schema adds one here, not a page.
/// </summary>
/// <param name="Target">The derived column.</param>
/// <param name="Sources">The columns it follows, in the order <paramref name="Compute"/> takes them.</param>
/// <param name="Formula">How the form says it ("tenure × MonthlyCharges").</param>
/// <param name="Compute">The target from the sources' values.</param>
public sealed record DerivedInput(string Target, IReadOnlyList<string> Sources, string Formula, Func<IReadOnlyList<double>, double> Compute)
{
    /// <summary>How far (relative) the target may stray from the formula before the row counts as an unusual combination:
    /// real bills vary with price changes and partial months, but not by a quarter.</summary>
    public const double Tolerance = 0.25;

    public static readonly IReadOnlyList<DerivedInput> Known =
    [
        new("TotalCharges", ["tenure", "MonthlyCharges"], "tenure × MonthlyCharges", v => v[0] * v[1]),
    ];

    /// <summary>The known rules whose columns the schema has, all of them numbers.</summary>
    public static IReadOnlyList<DerivedInput> For(ServedSchema schema)
    {
        var numbers = schema.Inputs.Where(TryItRow.IsNumber).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. Known.Where(r => numbers.Contains(r.Target) && r.Sources.All(numbers.Contains))];
    }

    /// <summary>The target's value from the sources' text, as the field shows it (two decimals at most); null while a
    /// source is empty or not a number.</summary>
    public string? From(IReadOnlyDictionary<string, string?> values) =>
        Expected(values) is { } v ? Math.Round(v, 2).ToString(CultureInfo.InvariantCulture) : null;

    public double? Expected(IReadOnlyDictionary<string, string?> values)
    {
        var sources = new double[Sources.Count];
        for (var i = 0; i < Sources.Count; i++)
        {
            if (Number(values.GetValueOrDefault(Sources[i])) is not { } v) return null;
            sources[i] = v;
        }
        return Compute(sources) is var result && double.IsFinite(result) ? result : null;
    }

    /// <summary>True when the target is more than <see cref="Tolerance"/> away from what the sources say. A formula
    /// giving zero (tenure 0: not billed yet) allows only a small absolute difference.</summary>
    public bool IsUnusual(IReadOnlyDictionary<string, string?> values) =>
        Expected(values) is { } expected && Number(values.GetValueOrDefault(Target)) is { } actual
        && Math.Abs(actual - expected) > Tolerance * Math.Max(Math.Abs(expected), 1);

    internal static double? Number(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
