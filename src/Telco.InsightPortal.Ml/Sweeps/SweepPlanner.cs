using Telco.InsightPortal.Ml.Trainers;

namespace Telco.InsightPortal.Ml.Sweeps;

/// <summary>
/// The configurations a sweep tries, in order. Trainers take turns; each trainer's first turn is its
/// defaults (a sound baseline), later turns are random draws between its grid's extremes, or its grid
/// points in a seeded random order. The same options and seed always give the same list.
/// </summary>
internal static class SweepPlanner
{
    public static IReadOnlyList<(TrainerSpec Trainer, IReadOnlyDictionary<string, double> Params)> Plan(SweepOptions options, int seed)
    {
        var trainers = (options.Trainers ?? TrainerCatalog.Names).Select(TrainerCatalog.Get).DistinctBy(t => t.Name).ToList();
        var random = new Random(seed);
        var queues = trainers.Select(t => new Queue<IReadOnlyDictionary<string, double>>(
            options.Strategy == SweepStrategy.Grid ? Grid(t, random) : RandomDraws(t, random, options.Trials))).ToList();
        var plan = new List<(TrainerSpec, IReadOnlyDictionary<string, double>)>();
        while (plan.Count < options.Trials && queues.Any(q => q.Count > 0))
        {
            for (var i = 0; i < trainers.Count && plan.Count < options.Trials; i++)
                if (queues[i].TryDequeue(out var p)) plan.Add((trainers[i], p));
        }
        return plan;
    }

    private static IEnumerable<IReadOnlyDictionary<string, double>> RandomDraws(TrainerSpec trainer, Random random, int count)
    {
        yield return trainer.Defaults;
        var draws = Enumerable.Range(1, count - 1)
            .Select(_ => (IReadOnlyDictionary<string, double>)trainer.Parameters.ToDictionary(p => p.Name, p => p.Sample(random)))
            .ToList();
        foreach (var d in draws) yield return d;
    }

    private static IEnumerable<IReadOnlyDictionary<string, double>> Grid(TrainerSpec trainer, Random random)
    {
        IEnumerable<Dictionary<string, double>> points = [new Dictionary<string, double>()];
        foreach (var p in trainer.Parameters)
            points = points.SelectMany(point => p.Grid.Select(v => new Dictionary<string, double>(point) { [p.Name] = v })).ToList();
        var all = points.ToArray();
        random.Shuffle(all);
        return new[] { trainer.Defaults }.Concat(all.Where(g => !g.SequenceEqual(trainer.Defaults)));
    }
}
