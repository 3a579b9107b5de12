namespace Telco.InsightPortal.Ml.Evaluation;

/// <summary>
/// Row indices for train, validation and test. Each class is shuffled with the seed and cut by the ratios on
/// its own, so every split keeps the churn rate of the whole; indices come back in ascending order.
/// </summary>
internal sealed record StratifiedSplit(int[] Train, int[] Validation, int[] Test)
{
    public int[] TrainAndValidation => [.. Train.Concat(Validation).Order()];

    public static StratifiedSplit Create(bool[] labels, SplitRatios ratios, int seed)
    {
        var random = new Random(seed);
        List<int> train = [], validation = [], test = [];
        foreach (var cls in new[] { true, false })
        {
            var rows = Shuffled(Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls).ToArray(), random);
            var nTest = (int)Math.Round(rows.Length * ratios.Test);
            var nValidation = (int)Math.Round(rows.Length * ratios.Validation);
            test.AddRange(rows[..nTest]);
            validation.AddRange(rows[nTest..(nTest + nValidation)]);
            train.AddRange(rows[(nTest + nValidation)..]);
        }
        return new StratifiedSplit([.. train.Order()], [.. validation.Order()], [.. test.Order()]);
    }

    /// <summary>Stratified k folds over <paramref name="rows"/>, <paramref name="repeats"/> times: each time, each class is
    /// dealt round-robin after a shuffle drawn from one seeded generator, so every repeat divides the rows differently.</summary>
    public static IReadOnlyList<(int Repeat, int Fold, int[] Train, int[] Held)> Folds(int[] rows, bool[] labels, int k, int repeats, int seed)
    {
        var random = new Random(seed);
        var result = new List<(int, int, int[], int[])>();
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            var fold = new Dictionary<int, int>();
            foreach (var cls in new[] { true, false })
            {
                var members = Shuffled(rows.Where(r => labels[r] == cls).ToArray(), random);
                for (var i = 0; i < members.Length; i++) fold[members[i]] = i % k;
            }
            for (var f = 0; f < k; f++)
                result.Add((repeat, f + 1, rows.Where(r => fold[r] != f).ToArray(), rows.Where(r => fold[r] == f).ToArray()));
        }
        return result;
    }

    /// <summary>At most <paramref name="count"/> of <paramref name="rows"/>, each class in its own proportion, in ascending order.</summary>
    public static int[] Sample(int[] rows, bool[] labels, int count, Random random)
    {
        if (rows.Length <= count) return rows;
        var positives = rows.Where(r => labels[r]).ToArray();
        var takePositives = (int)Math.Round((double)count * positives.Length / rows.Length);
        return [.. Shuffled(positives, random).Take(takePositives)
            .Concat(Shuffled(rows.Where(r => !labels[r]).ToArray(), random).Take(count - takePositives)).Order()];
    }

    public static int[] Shuffled(int[] rows, Random random)
    {
        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
