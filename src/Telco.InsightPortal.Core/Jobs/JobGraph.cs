namespace Telco.InsightPortal.Core.Jobs;

/// <summary>The "run after" graph of jobs: a dependency on an unknown job or a cycle is refused when a job is saved.</summary>
public static class JobGraph
{
    /// <summary>A cycle through the dependencies (<c>a → b → a</c>), or null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyList<string>> after)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var path = new List<string>();
        foreach (var start in after.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        IReadOnlyList<string>? Visit(string job)
        {
            if (state.GetValueOrDefault(job) == 2) return null;
            if (state.GetValueOrDefault(job) == 1) return [.. path.Skip(path.IndexOf(job)), job];
            state[job] = 1;
            path.Add(job);
            foreach (var next in after.GetValueOrDefault(job) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[job] = 2;
            return null;
        }
    }

    /// <summary>The jobs to queue when <paramref name="succeeded"/> succeeds.</summary>
    public static IReadOnlyList<string> Dependents(string succeeded, IReadOnlyDictionary<string, IReadOnlyList<string>> after) =>
        after.Where(kv => kv.Value.Contains(succeeded, StringComparer.Ordinal)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
}
