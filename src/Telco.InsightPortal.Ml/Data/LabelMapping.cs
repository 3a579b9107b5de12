namespace Telco.InsightPortal.Ml.Data;

/// <summary>Maps the two distinct label values to false/true.</summary>
internal sealed record LabelMapping(string Negative, string Positive)
{
    private static readonly (string Negative, string Positive)[] KnownPairs =
        [("no", "yes"), ("0", "1"), ("false", "true"), ("n", "y"), ("f", "t")];

    public static LabelMapping Create(string column, IReadOnlyList<string> distinct, string? positiveLabel)
    {
        if (distinct.Count < 2)
            throw new TrainingException(distinct.Count == 0
                ? $"Label column '{column}' has no values."
                : $"Label column '{column}' has only one class ('{distinct[0]}'); a churn model needs both outcomes.");
        if (distinct.Count > 2)
            throw new TrainingException(
                $"Label column '{column}' is not binary: it has {distinct.Count} distinct values ({Sample(distinct)}); expected exactly two, such as Yes/No or 1/0.");
        if (positiveLabel is not null)
        {
            var positive = distinct.FirstOrDefault(v => string.Equals(v, positiveLabel, StringComparison.OrdinalIgnoreCase))
                ?? throw new TrainingException($"Positive label '{positiveLabel}' is not one of the values of '{column}' ({Sample(distinct)}).");
            return new LabelMapping(distinct.Single(v => v != positive), positive);
        }
        foreach (var (negative, positive) in KnownPairs)
        {
            var n = distinct.FirstOrDefault(v => v.Equals(negative, StringComparison.OrdinalIgnoreCase));
            var p = distinct.FirstOrDefault(v => v.Equals(positive, StringComparison.OrdinalIgnoreCase));
            if (n is not null && p is not null) return new LabelMapping(n, p);
        }
        throw new TrainingException(
            $"Label column '{column}' has values {Sample(distinct)}; say which one is the positive class (PositiveLabel).");
    }

    private static string Sample(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(5).Select(v => $"'{v}'")) + (values.Count > 5 ? ", …" : "");
}
