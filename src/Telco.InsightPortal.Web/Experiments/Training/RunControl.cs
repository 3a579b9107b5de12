using System.Collections.Concurrent;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Experiments.Training;

public enum CancelRequest { Stopping, AlreadyCancelling, TooLate, NotHere }

/// <summary>
/// What only this process knows about runs: which it trains now (each with its own token, linked to the host's, so a
/// cancel stops it at the trainer's next check), who asked to cancel one, and when a run ended, for whoever waits. The
/// store keeps the status, the owner and the cancel requests; a run trained by another instance is waited for here and
/// completed from the store by <see cref="RunLeaseKeeper"/>.
/// </summary>
public sealed class RunControl
{
    private enum Phase { Elsewhere, Training, Recording, Done }

    private sealed class Entry
    {
        public Phase Phase = Phase.Elsewhere;
        public CancellationTokenSource? Cancellation;
        public AuditActor? CancelledBy;
        public bool Abandoned;
        public readonly TaskCompletionSource<string> Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly ConcurrentDictionary<string, Entry> _runs = new();

    private Entry Get(string runId) => _runs.GetOrAdd(runId, _ => new Entry());

    /// <summary>Completes with the run's final status once it has ended (trained, failed, or cancelled), here or on
    /// another instance.</summary>
    public Task<string> WhenDoneAsync(string runId) => Get(runId).Ended.Task;

    public AuditActor? CancelledBy(string runId) => _runs.TryGetValue(runId, out var e) ? e.CancelledBy : null;

    /// <summary>The runs this process trains now: the ones whose leases it renews.</summary>
    public IReadOnlyList<string> TrainingHere() => [.. _runs.Where(r => r.Value.Phase is Phase.Training or Phase.Recording).Select(r => r.Key)];

    /// <summary>Runs someone here waits for that this process does not train: their end is read from the store.</summary>
    public IReadOnlyList<string> AwaitedElsewhere() =>
        [.. _runs.Where(r => r.Value.Phase == Phase.Elsewhere && !r.Value.Ended.Task.IsCompleted).Select(r => r.Key)];

    /// <summary>A run this process claimed starts training, with its own token.</summary>
    public CancellationTokenSource Start(string runId, CancellationToken stopping)
    {
        var entry = Get(runId);
        lock (entry)
        {
            entry.Phase = Phase.Training;
            entry.CancelledBy = null;
            entry.Abandoned = false;
            entry.Cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            return entry.Cancellation;
        }
    }

    /// <summary>Training is over and the result is about to be recorded: from here a cancel comes too late.
    /// False when a cancel arrived first (the run then ends KILLED, as its canceller was told) or the run was lost.</summary>
    public bool TryBeginRecording(string runId)
    {
        var entry = Get(runId);
        lock (entry)
        {
            if (entry.CancelledBy is not null || entry.Abandoned) return false;
            entry.Phase = Phase.Recording;
            return true;
        }
    }

    /// <summary>Stops a run this process trains on behalf of <paramref name="actor"/>.</summary>
    public CancelRequest RequestCancel(string runId, AuditActor actor)
    {
        if (!_runs.TryGetValue(runId, out var entry)) return CancelRequest.NotHere;
        CancellationTokenSource? stop;
        lock (entry)
        {
            if (entry.Phase is Phase.Elsewhere) return CancelRequest.NotHere;
            if (entry.CancelledBy is not null) return CancelRequest.AlreadyCancelling;
            if (entry.Phase is Phase.Recording or Phase.Done) return CancelRequest.TooLate;
            entry.CancelledBy = actor;
            stop = entry.Cancellation;
        }
        Trip(stop);
        return CancelRequest.Stopping;
    }

    /// <summary>Stops a run that is no longer this process's (its lease expired and another instance failed it): it
    /// ends without recording anything. False when it was not training here.</summary>
    public bool Abandon(string runId)
    {
        if (!_runs.TryGetValue(runId, out var entry)) return false;
        CancellationTokenSource? stop;
        lock (entry)
        {
            if (entry.Phase != Phase.Training) return false;
            entry.Abandoned = true;
            stop = entry.Cancellation;
        }
        Trip(stop);
        return true;
    }

    public bool IsAbandoned(string runId) => _runs.TryGetValue(runId, out var e) && e.Abandoned;

    public void Complete(string runId, string status)
    {
        var entry = Get(runId);
        lock (entry)
        {
            entry.Phase = Phase.Done;
            Release(entry);
        }
        entry.Ended.TrySetResult(status);
    }

    /// <summary>This process stops training the run without having ended it (it went back to the queue, was lost, or its
    /// end could not be recorded): whoever waits keeps waiting for its end, wherever it comes.</summary>
    public void Stopped(string runId)
    {
        var entry = Get(runId);
        lock (entry)
        {
            if (entry.Phase == Phase.Done) return;
            entry.Phase = Phase.Elsewhere;
            Release(entry);
        }
    }

    // Outside the lock: Cancel runs the token's callbacks inline.
    private static void Trip(CancellationTokenSource? stop)
    {
        try
        {
            stop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between taking its token and cancelling it.
        }
    }

    private static void Release(Entry entry)
    {
        entry.Cancellation?.Dispose();
        entry.Cancellation = null;
    }
}
