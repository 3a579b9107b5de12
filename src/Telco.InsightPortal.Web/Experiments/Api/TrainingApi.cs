using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Experiments.Api;

/// <summary>The portal's training API: submit a run, cancel one.</summary>
public static class TrainingApi
{
    
    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/train", SubmitAsync).WithTags("Training").RequireAuthorization(Policies.ExperimentsWrite).DisableAntiforgery();
        api.MapPost("/runs/{runId}/cancel", CancelAsync).WithTags("Training").RequireAuthorization(Policies.ExperimentsWrite).DisableAntiforgery();
        return api;
    }

    /// <summary>Starts a run in the background and answers at once with its id; follow it with the MLflow
    /// API's <c>runs/get</c> until it is FINISHED or FAILED.</summary>
    private static async Task<IResult> SubmitAsync(TrainRequestDto? body, HttpContext http, TrainingQueue queue)
    {
        if (body is null) throw new TrainingException("Send a JSON body: {\"dataset\":\"…\",\"label\":\"…\",\"trainer\":\"…\"}.");
        var runId = await queue.SubmitAsync(body, HttpAuditActor.From(http), http.RequestAborted);
        return TypedResults.Accepted($"/api/2.0/mlflow/runs/get?run_id={runId}", new { runId });
    }

    /// <summary>200 with KILLED once the run has stopped, 202 while it is still stopping, 404 for an unknown run,
    /// 409 for a run that has ended or that the portal does not train.</summary>
    private static async Task<IResult> CancelAsync(string runId, HttpContext http, RunCancellation cancellation)
    {
        CancelResult result;
        try
        {
            result = await cancellation.CancelAsync(runId, HttpAuditActor.From(http), http.RequestAborted);
        }
        catch (TrackingException e)
        {
            // The run changed under us (deleted, say): say so rather than fail.
            throw PortalException.Conflict(e.Message);
        }
        var body = new { runId, status = result.Status, message = result.Message };
        return result.Outcome switch
        {
            CancelOutcome.Killed => TypedResults.Ok(body),
            CancelOutcome.Stopping => TypedResults.Accepted($"/api/2.0/mlflow/runs/get?run_id={runId}", body),
            CancelOutcome.NotFound => throw PortalException.NotFound(result.Message),
            _ => throw new PortalException(ErrorKind.Conflict, result.Message) { Details = new Dictionary<string, object?> { ["status"] = result.Status } },
        };
    }
}
