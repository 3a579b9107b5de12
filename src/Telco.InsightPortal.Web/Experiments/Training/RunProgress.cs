using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>
/// Pushes each embedded run's progress and log lines to whoever watches (run pages, runs tables) in this
/// process, so pages update when something happens instead of polling the store. Handlers run on the
/// training thread: they must only hand the work to their component (<c>InvokeAsync</c>) and return.
/// </summary>
public sealed class RunProgress(ILogger<RunProgress> log)
{
    private readonly ConcurrentDictionary<string, RunProgressState> _current = new();
    private ImmutableList<Action<RunProgressState>> _changed = [];
    private ImmutableList<Action<string>> _logged = [];

    /// <summary>The latest state of a run that is training now; null once it has ended (the store has the rest).</summary>
    public RunProgressState? Current(string runId) => _current.GetValueOrDefault(runId);

    /// <summary>Calls <paramref name="changed"/> with each run's new state and <paramref name="logged"/> with the
    /// id of each run whose log grew, until the subscription is disposed.</summary>
    public IDisposable Subscribe(Action<RunProgressState>? changed, Action<string>? logged = null)
    {
        if (changed is not null) ImmutableInterlocked.Update(ref _changed, l => l.Add(changed));
        if (logged is not null) ImmutableInterlocked.Update(ref _logged, l => l.Add(logged));
        return new Subscription(() =>
        {
            if (changed is not null) ImmutableInterlocked.Update(ref _changed, l => l.Remove(changed));
            if (logged is not null) ImmutableInterlocked.Update(ref _logged, l => l.Remove(logged));
        });
    }

    public void Publish(RunProgressState state)
    {
        if (state.IsActive) _current[state.RunId] = state;
        else _current.TryRemove(state.RunId, out _);
        foreach (var handler in _changed) Notify(() => handler(state));
    }

    /// <summary>A line was appended to the run's log.</summary>
    public void Logged(string runId)
    {
        foreach (var handler in _logged) Notify(() => handler(runId));
    }

    // One broken watcher (a page torn down mid-call) must not stop the others, nor the training run.
    private void Notify(Action call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            log.LogDebug(e, "A run progress watcher failed.");
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
