using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Models;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>One loaded target of a deployment, its share of the traffic and the decision threshold saved on its version
/// (null: the configured default). The threshold lives here, not on the shared <see cref="LoadedVersion"/>: saving one
/// swaps targets without reloading the model.</summary>
public sealed record LiveTarget(LoadedVersion Version, int Weight, double? Threshold = null);

/// <summary>
/// What a deployment serves right now. Immutable: a redeploy, a stop or a scale builds a new one and swaps the
/// reference, so a request that picked this one up finishes on it. A stopped deployment has no targets: it is known
/// here (probes and scoring answer 503, not 404) but holds no model in memory.
/// </summary>
public sealed class LiveDeployment(DeploymentRecord record, IReadOnlyList<LiveTarget> targets, TrafficSplit split)
{
    private readonly int _total = targets.Sum(t => t.Weight);

    public DeploymentRecord Record { get; } = record;
    public IReadOnlyList<LiveTarget> Targets { get; } = record.Status == DeploymentStatus.Stopped ? [] : targets;
    public string Name => Record.Name;
    public bool Stopped => Targets.Count == 0;

    /// <summary>The target for one request: by weight, so two targets split the traffic as a canary.</summary>
    /// <exception cref="InvalidOperationException">The deployment is stopped; callers check <see cref="Stopped"/> first.</exception>
    public LiveTarget Route()
    {
        if (Stopped) throw new InvalidOperationException($"Deployment '{Name}' is stopped.");
        if (Targets.Count == 1) return Targets[0];
        var ticket = split.Next(_total);
        foreach (var t in Targets)
        {
            if (ticket < t.Weight) return t;
            ticket -= t.Weight;
        }
        return Targets[^1];
    }
}

/// <summary>Where canary tickets come from: a seeded source (reproducible splits, for tests and benchmarks) or the shared one.</summary>
public sealed class TrafficSplit(int? seed)
{
    private readonly Random? _seeded = seed is { } s ? new Random(s) : null;
    private readonly Lock _lock = new();

    public int Next(int total)
    {
        if (_seeded is null) return Random.Shared.Next(total);
        lock (_lock) return _seeded.Next(total);
    }
}
