using Microsoft.Extensions.DependencyInjection.Extensions;
using Telco.InsightPortal.Ml;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Training;

public static class TrainingHosting
{
    public static WebApplicationBuilder AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section)
            .Validate(o => o.Concurrency is >= 1 and <= 16, "Training:Concurrency must be 1..16.").ValidateOnStart();
        builder.Services.TryAddSingleton<Data.Tracking.TrackingStore>();
        builder.Services.AddSingleton<TrainingQueue>();
        builder.Services.AddSingleton<TrainingWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrainingWorker>());
        return builder;
    }

    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/train", SubmitAsync).WithTags("Training").RequireAuthorization(Policies.ExperimentsWrite).DisableAntiforgery();
        return api;
    }

    /// <summary>Starts a run in the background and answers at once with its id; follow it with the MLflow
    /// API's <c>runs/get</c> until it is FINISHED or FAILED.</summary>
    private static async Task<IResult> SubmitAsync(TrainRequestDto? body, HttpContext http, TrainingQueue queue)
    {
        if (body is null) return TypedResults.BadRequest(new { error = "Send a JSON body: {\"dataset\":\"…\",\"label\":\"…\",\"trainer\":\"…\"}." });
        try
        {
            var runId = await queue.SubmitAsync(body, HttpAuditActor.From(http), http.RequestAborted);
            return TypedResults.Accepted($"/api/2.0/mlflow/runs/get?run_id={runId}", new { runId });
        }
        catch (TrainingException e)
        {
            return TypedResults.BadRequest(new { error = e.Message });
        }
    }
}
