using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Experiments.Training;

public enum CancelOutcome { Killed, Stopping, NotFound, Conflict }

public sealed record CancelResult(CancelOutcome Outcome, string Message, string? Status = null);

/// <summary>
/// Cancels an embedded run for a user, through the store, so that any instance can cancel any run: one still queued
/// ends KILLED at once (atomically: no instance can claim it any more); for one training, the request is recorded and
/// the instance training it — this one at once, another within its poll interval — stops it at the trainer's next check
/// and ends it KILLED. Both status changes are audited with the canceller as the actor.
/// </summary>
public sealed class RunCancellation(TrackingStore tracking, RunControl control, RunLog runLog)
{
    /// <summary>How long a caller waits for a training run to stop before being told it is still stopping.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(20);

    public async Task<CancelResult> CancelAsync(string runId, AuditActor actor, CancellationToken ct = default)
    {
        Run run;
        try
        {
            run = await tracking.GetRunAsync(runId, ct);
        }
        catch (TrackingException e) when (e.ErrorCode is TrackingErrors.NotFound or TrackingErrors.InvalidParameter)
        {
            return new(CancelOutcome.NotFound, $"There is no run '{runId}'.");
        }
        var name = run.Info.RunName;
        if (run.Info.Status is not ("RUNNING" or "SCHEDULED"))
            return Ended(name, run.Info.Status);
        if (run.Tags.FirstOrDefault(t => t.Key == TrainingQueue.RunnerTag)?.Value != TrainingQueue.EmbeddedRunner)
            return new(CancelOutcome.Conflict,
                $"Run '{name}' is logged by an MLflow client, not trained by the portal; end it from that client (runs/update).", run.Info.Status);

        var request = await tracking.RequestCancelAsync(runId, actor, ct);
        switch (request.Outcome)
        {
            case CancelRequestOutcome.Killed:
                runLog.Append(runId, $"Cancelled by {actor.Name} before it started.");
                await tracking.SetTagAsync(runId, new TrackingTag(RunLog.HashTag, runLog.Sha256(runId) ?? ""), CancellationToken.None);
                control.Complete(runId, "KILLED");
                return new(CancelOutcome.Killed, $"Run '{name}' was cancelled before it started.", "KILLED");
            case CancelRequestOutcome.Ended:
                return Ended(name, request.Status);
        }
        // Trained here: stop it now rather than at the next poll.
        if (control.RequestCancel(runId, actor) == CancelRequest.TooLate)
            return new(CancelOutcome.Conflict, $"Run '{name}' has finished training and is being recorded; it can no longer be cancelled.", "RUNNING");
        return await WaitForStopAsync(runId, name, ct);
    }

    private static CancelResult Ended(string name, string status) =>
        new(CancelOutcome.Conflict, $"Run '{name}' has already ended ({status}); only a scheduled or running run can be cancelled.", status);

    private async Task<CancelResult> WaitForStopAsync(string runId, string name, CancellationToken ct)
    {
        try
        {
            var status = await control.WhenDoneAsync(runId).WaitAsync(StopWait, ct);
            return status == "KILLED"
                ? new(CancelOutcome.Killed, $"Run '{name}' was cancelled.", status)
                : new(CancelOutcome.Conflict, $"Run '{name}' ended {status} before the cancel reached it.", status);
        }
        catch (TimeoutException)
        {
            return new(CancelOutcome.Stopping, $"Run '{name}' is stopping; it ends KILLED when the current fit completes.", "RUNNING");
        }
    }
}
