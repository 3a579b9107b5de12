using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Logging;
using Telco.InsightPortal.Serving.Models;

namespace Telco.InsightPortal.Serving.Deployments;

/// <summary>
/// The deployments this process serves, by name. Replacing an entry is one reference swap; the new targets are
/// loaded and warmed up before it, so the swap never makes a request wait or fail.
/// </summary>
public sealed class ServingRegistry(VersionLoader loader, IOptions<ServingOptions> options)
{
    private readonly ConcurrentDictionary<string, LiveDeployment> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly TrafficSplit _split = new(options.Value.RoutingSeed);

    public LiveDeployment? Find(string name) => _live.GetValueOrDefault(name);

    public IReadOnlyCollection<LiveDeployment> All => [.. _live.Values];

    /// <summary>Why a deployment's latest targets did not load here (it keeps serving the previous ones), if they did not.</summary>
    public string? Problem(string name) => _problems.GetValueOrDefault(name);

    /// <summary>Loads and warms every target of <paramref name="state"/>; nothing for a stopped deployment.</summary>
    /// <exception cref="Ml.Artifacts.ModelLoadException">A target cannot load; nothing is swapped.</exception>
    public IReadOnlyList<LiveTarget> Load(DeploymentState state) =>
        state.Deployment.Status == DeploymentStatus.Stopped
            ? []
            : [.. state.Targets.Select(t => new LiveTarget(loader.Load(t.Ref, state.Deployment.EnginesPerProcess), t.Weight, t.Threshold))];

    /// <summary>Takes loaded targets live (or, for a stopped record, the stop), unless a newer revision already is.</summary>
    public void Swap(DeploymentRecord record, IReadOnlyList<LiveTarget> targets)
    {
        var next = new LiveDeployment(record, targets, _split);
        var live = _live.AddOrUpdate(record.Name, next, (_, current) => current.Record.Revision > record.Revision ? current : next);
        _problems.TryRemove(record.Name, out _);
        ServingMetrics.EnginesPerProcess.WithLabels(record.Name).Set(live.Stopped ? 0 : live.Record.EnginesPerProcess);
    }

    public void Fail(string name, string reason) => _problems[name] = reason;

    public void Remove(string name)
    {
        _live.TryRemove(name, out _);
        ServingMetrics.EnginesPerProcess.RemoveLabelled(name);
    }

    public void ReleaseUnused() => loader.Retain(_live.Values.SelectMany(d => d.Targets).Select(t => t.Version));
}
