using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;

namespace Telco.InsightPortal.Web.Experiments.Api;

public static class RunEndpoints
{
    public static RouteGroupBuilder MapRunEndpoints(this RouteGroupBuilder mlflow)
    {
        var runs = mlflow.MapGroup("/runs");
        runs.MapPost("/create", CreateAsync).Writes();
        runs.MapGet("/get", GetAsync).Reads();
        runs.MapPost("/update", UpdateAsync).Writes();
        runs.MapPost("/delete", (HttpRequest r, TrackingStore s, IAuditActorAccessor a, CancellationToken ct) => SetStageAsync(r, s, a, LifecycleStages.Deleted, ct)).Writes();
        runs.MapPost("/restore", (HttpRequest r, TrackingStore s, IAuditActorAccessor a, CancellationToken ct) => SetStageAsync(r, s, a, LifecycleStages.Active, ct)).Writes();
        runs.MapPost("/search", SearchAsync).Reads();
        runs.MapPost("/log-metric", LogMetricAsync).Writes();
        runs.MapPost("/log-parameter", LogParamAsync).Writes();
        runs.MapPost("/set-tag", SetTagAsync).Writes();
        runs.MapPost("/delete-tag", DeleteTagAsync).Writes();
        runs.MapPost("/log-batch", LogBatchAsync).Writes();
        runs.MapPost("/log-inputs", LogInputsAsync).Writes();
        mlflow.MapGet("/metrics/get-history", HistoryAsync).Reads();
        return mlflow;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        var who = await actor.GetCurrentAsync();
        // The signed-in user owns the run; the client's user_id is its OS account name, which anyone can set.
        var run = await store.CreateRunAsync(ExperimentId(body.ExperimentId), who.Name, body.RunName, body.StartTime, Tags(body.Tags), who, ct);
        return Ok(new { Run = RunJson.From(run) });
    }

    private static async Task<IResult> GetAsync(HttpRequest request, TrackingStore store, CancellationToken ct) =>
        Ok(new { Run = RunJson.From(await store.GetRunAsync(QueryRunId(request), ct)) });

    private static async Task<IResult> UpdateAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        var who = await actor.GetCurrentAsync();
        if (body.Status == "KILLED" && await IsLiveEmbeddedRunAsync(store, body.Id(), ct))
        {
            // An MLflow client killing a run the portal trains stops the training, rather than writing a status
            // the worker would overwrite when it finishes.
            var cancelled = await request.HttpContext.RequestServices.GetRequiredService<Training.RunCancellation>().CancelAsync(body.Id(), who, ct);
            if (cancelled.Outcome == Training.CancelOutcome.Conflict) throw new TrackingException(TrackingErrors.InvalidState, cancelled.Message);
            return Ok(new { RunInfo = RunInfoJson.From((await store.GetRunAsync(body.Id(), ct)).Info) });
        }
        var info = await store.UpdateRunAsync(body.Id(), body.Status, body.EndTime, body.RunName, who, ct);
        return Ok(new { RunInfo = RunInfoJson.From(info) });
    }

    private static async Task<bool> IsLiveEmbeddedRunAsync(TrackingStore store, string runId, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct);
        return run.Info.Status is "RUNNING" or "SCHEDULED"
               && run.Tags.Any(t => t.Key == Training.TrainingQueue.RunnerTag && t.Value == Training.TrainingQueue.EmbeddedRunner);
    }

    private static async Task<IResult> SetStageAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, string stage, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        await store.SetRunStageAsync(body.Id(), stage, await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<SearchRequest>(request, ct);
        var experimentIds = (body.ExperimentIds ?? []).Select(id => ExperimentId(id, "experiment_ids")).ToList();
        var page = await store.SearchRunsAsync(experimentIds, body.Filter, View(body.RunViewType), body.MaxResults, body.OrderBy, body.PageToken, ct);
        return Ok(new { Runs = page.Runs.Select(RunJson.From), page.NextPageToken });
    }

    private static async Task<IResult> LogMetricAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<LogMetricRequest>(request, ct);
        await store.LogMetricAsync(body.Id(), new TrackingMetric(Required(body.Key, "key"), RequiredValue(body.Value, "value"),
            RequiredValue(body.Timestamp, "timestamp"), body.Step ?? 0), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> LogParamAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        await store.LogParamAsync(body.Id(), new TrackingParam(Required(body.Key, "key"), body.Value ?? throw Missing("value")), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SetTagAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        await store.SetTagAsync(body.Id(), new TrackingTag(Required(body.Key, "key"), body.Value ?? throw Missing("value")), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> DeleteTagAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        await store.DeleteTagAsync(body.Id(), Required(body.Key, "key"), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> LogBatchAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<RunRequest>(request, ct);
        var metrics = (body.Metrics ?? []).Select(m => new TrackingMetric(Required(m.Key, "metrics.key"), RequiredValue(m.Value, "metrics.value"),
            RequiredValue(m.Timestamp, "metrics.timestamp"), m.Step ?? 0)).ToList();
        var parameters = (body.Params ?? []).Select(p => new TrackingParam(Required(p.Key, "params.key"), p.Value ?? throw Missing("params.value"))).ToList();
        await store.LogBatchAsync(body.Id(), metrics, parameters, Tags(body.Tags), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> LogInputsAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<LogInputsRequest>(request, ct);
        var inputs = (body.Datasets ?? []).Select((input, i) =>
        {
            var d = input.Dataset ?? throw Missing($"datasets[{i}].dataset");
            return new DatasetInput(Tags(input.Tags),
                new RunDataset(d.Name ?? "", d.Digest ?? "", d.SourceType ?? "", d.Source ?? "", d.Schema, d.Profile));
        }).ToList();
        await store.LogInputsAsync(Required(body.RunId, "run_id"), inputs, ct);
        return Ok(Empty);
    }

    private static async Task<IResult> HistoryAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var page = await store.GetMetricHistoryAsync(QueryRunId(request), Required((string?)request.Query["metric_key"], "metric_key"),
            Int(request.Query["max_results"], "max_results"), request.Query["page_token"], ct);
        return Ok(new { page.Metrics, page.NextPageToken });
    }

    private static List<TrackingTag> Tags(List<KeyValueJson>? tags) =>
        (tags ?? []).Select(t => new TrackingTag(Required(t.Key, "tags.key"), t.Value ?? throw Missing("tags.value"))).ToList();

    private static TrackingException Missing(string name) => TrackingException.Invalid($"Missing value for required parameter '{name}'.");
}
