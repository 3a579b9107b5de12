using System.Collections.Concurrent;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Training;

public enum CancelRequest { Skipped, Stopping, AlreadyCancelling, TooLate }

/// <summary>
/// What only this process can do for the embedded runs it queued: skip one that is still waiting, stop one
/// that is training (each has its own token, linked to the host's), and tell whoever waits when it ended. The
/// store keeps the status; this keeps who asked to cancel, so the KILLED audit entry names them.
/// </summary>
public sealed class RunControl
{
    private enum Phase { Waiting, Training, Recording, Done }

    private sealed class Entry
    {
        public Phase Phase = Phase.Waiting;
        public CancellationTokenSource? Cancellation;
        public AuditActor? CancelledBy;
        public readonly TaskCompletionSource<string> Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly ConcurrentDictionary<string, Entry> _runs = new();

    private Entry Get(string runId) => _runs.GetOrAdd(runId, _ => new Entry());

    /// <summary>Completes with the run's final status once it has ended (trained, failed, or cancelled).</summary>
    public Task<string> WhenDoneAsync(string runId) => Get(runId).Ended.Task;

    public AuditActor? CancelledBy(string runId) => _runs.TryGetValue(runId, out var e) ? e.CancelledBy : null;

    /// <summary>Moves a dequeued run to training with its own token; null when it was cancelled while it waited.</summary>
    public CancellationTokenSource? TryStart(string runId, CancellationToken stopping)
    {
        var entry = Get(runId);
        lock (entry)
        {
            if (entry.Phase != Phase.Waiting || entry.CancelledBy is not null) return null;
            entry.Phase = Phase.Training;
            entry.Cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            return entry.Cancellation;
        }
    }

    /// <summary>Training is over and the result is about to be recorded: from here a cancel comes too late.
    /// False when a cancel arrived first — the run then ends KILLED, as its canceller was told.</summary>
    public bool TryBeginRecording(string runId)
    {
        var entry = Get(runId);
        lock (entry)
        {
            if (entry.CancelledBy is not null) return false;
            entry.Phase = Phase.Recording;
            return true;
        }
    }

    public CancelRequest RequestCancel(string runId, AuditActor actor)
    {
        var entry = Get(runId);
        CancellationTokenSource? stop;
        lock (entry)
        {
            if (entry.CancelledBy is not null) return CancelRequest.AlreadyCancelling;
            if (entry.Phase is Phase.Recording or Phase.Done) return CancelRequest.TooLate;
            entry.CancelledBy = actor;
            if (entry.Phase == Phase.Waiting) return CancelRequest.Skipped;
            stop = entry.Cancellation;
        }
        // Outside the lock: Cancel runs the token's callbacks inline.
        stop?.Cancel();
        return CancelRequest.Stopping;
    }

    public void Complete(string runId, string status)
    {
        var entry = Get(runId);
        lock (entry)
        {
            entry.Phase = Phase.Done;
            entry.Cancellation?.Dispose();
            entry.Cancellation = null;
        }
        entry.Ended.TrySetResult(status);
    }
}
