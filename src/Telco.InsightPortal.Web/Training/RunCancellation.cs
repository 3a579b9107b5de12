using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Training;

public enum CancelOutcome { Killed, Stopping, NotFound, Conflict }

public sealed record CancelResult(CancelOutcome Outcome, string Message, string? Status = null);

/// <summary>
/// Cancels an embedded run for a user: one still waiting in the queue ends KILLED at once (the worker skips it
/// when it comes up); one training is stopped through its token and ends KILLED when the trainer notices, which
/// is checked between fits. Both status changes are audited with the canceller as the actor.
/// </summary>
public sealed class RunCancellation(TrackingStore tracking, RunControl control, RunLog runLog, TimeProvider clock)
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
            return new(CancelOutcome.Conflict, $"Run '{name}' has already ended ({run.Info.Status}); only a scheduled or running run can be cancelled.", run.Info.Status);
        if (run.Tags.FirstOrDefault(t => t.Key == TrainingQueue.RunnerTag)?.Value != TrainingQueue.EmbeddedRunner)
            return new(CancelOutcome.Conflict,
                $"Run '{name}' is logged by an MLflow client, not trained by the portal; end it from that client (runs/update).", run.Info.Status);

        switch (control.RequestCancel(runId, actor))
        {
            case CancelRequest.Skipped:
                runLog.Append(runId, $"Cancelled by {actor.Name} before it started.");
                await tracking.SetTagAsync(runId, new TrackingTag(RunLog.HashTag, runLog.Sha256(runId) ?? ""), CancellationToken.None);
                await tracking.UpdateRunAsync(runId, "KILLED", clock.GetUtcNow().ToUnixTimeMilliseconds(), null, actor, CancellationToken.None);
                control.Complete(runId, "KILLED");
                return new(CancelOutcome.Killed, $"Run '{name}' was cancelled before it started.", "KILLED");
            case CancelRequest.TooLate:
                return new(CancelOutcome.Conflict, $"Run '{name}' has finished training and is being recorded; it can no longer be cancelled.", "RUNNING");
            default:
                return await WaitForStopAsync(runId, name, ct);
        }
    }

    private async Task<CancelResult> WaitForStopAsync(string runId, string name, CancellationToken ct)
    {
        try
        {
            var status = await control.WhenDoneAsync(runId).WaitAsync(StopWait, ct);
            return new(CancelOutcome.Killed, $"Run '{name}' was cancelled.", status);
        }
        catch (TimeoutException)
        {
            return new(CancelOutcome.Stopping, $"Run '{name}' is stopping; it ends KILLED when the current fit completes.", "RUNNING");
        }
    }
}
