using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Web.Audit;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;

namespace Telco.InsightPortal.Web.Experiments.Api;

public static class ExperimentEndpoints
{
    public static RouteGroupBuilder MapExperimentEndpoints(this RouteGroupBuilder mlflow)
    {
        var experiments = mlflow.MapGroup("/experiments");
        experiments.MapPost("/create", CreateAsync).Writes();
        experiments.MapGet("/get", GetAsync).Reads();
        experiments.MapGet("/get-by-name", GetByNameAsync).Reads();
        // MLflow clients have used both: GET with query parameters (older) and POST with JSON.
        experiments.MapGet("/search", SearchQueryAsync).Reads();
        experiments.MapPost("/search", SearchBodyAsync).Reads();
        experiments.MapPost("/update", UpdateAsync).Writes();
        experiments.MapPost("/delete", (HttpRequest r, TrackingStore s, IAuditActorAccessor a, CancellationToken ct) => SetStageAsync(r, s, a, LifecycleStages.Deleted, ct)).Writes();
        experiments.MapPost("/restore", (HttpRequest r, TrackingStore s, IAuditActorAccessor a, CancellationToken ct) => SetStageAsync(r, s, a, LifecycleStages.Active, ct)).Writes();
        experiments.MapPost("/set-experiment-tag", SetTagAsync).Writes();
        return mlflow;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<ExperimentRequest>(request, ct);
        var tags = (body.Tags ?? []).Select(t => new TrackingTag(Required(t.Key, "tags.key"), Required(t.Value, "tags.value"))).ToList();
        var id = await store.CreateExperimentAsync(Required(body.Name, "name"), body.ArtifactLocation, tags, await actor.GetCurrentAsync(), ct);
        return Ok(new { ExperimentId = Id(id) });
    }

    private static async Task<IResult> GetAsync(HttpRequest request, TrackingStore store, CancellationToken ct) =>
        Ok(new { Experiment = ExperimentJson.From(await store.GetExperimentAsync(ExperimentId(request.Query["experiment_id"]), ct)) });

    private static async Task<IResult> GetByNameAsync(HttpRequest request, TrackingStore store, CancellationToken ct) =>
        Ok(new { Experiment = ExperimentJson.From(await store.GetExperimentByNameAsync(Required((string?)request.Query["experiment_name"], "experiment_name"), ct)) });

    private static Task<IResult> SearchQueryAsync(HttpRequest request, TrackingStore store, CancellationToken ct) =>
        SearchAsync(new SearchRequest
        {
            MaxResults = Int(request.Query["max_results"], "max_results"),
            PageToken = request.Query["page_token"],
            Filter = request.Query["filter"],
            ViewType = request.Query["view_type"],
        }, store, ct);

    private static async Task<IResult> SearchBodyAsync(HttpRequest request, TrackingStore store, CancellationToken ct) =>
        await SearchAsync(await ReadAsync<SearchRequest>(request, ct), store, ct);

    private static async Task<IResult> SearchAsync(SearchRequest body, TrackingStore store, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(body.Filter))
            throw TrackingException.Invalid("Filtering experiments is not supported yet; search without 'filter' or use experiments/get-by-name.");
        var page = await store.SearchExperimentsAsync(View(body.ViewType), body.MaxResults, body.PageToken, ct);
        return Ok(new { Experiments = page.Experiments.Select(ExperimentJson.From), page.NextPageToken });
    }

    private static async Task<IResult> UpdateAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<ExperimentRequest>(request, ct);
        await store.RenameExperimentAsync(ExperimentId(body.ExperimentId), Required(body.NewName, "new_name"), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SetStageAsync(HttpRequest request, TrackingStore store, IAuditActorAccessor actor, string stage, CancellationToken ct)
    {
        var body = await ReadAsync<ExperimentRequest>(request, ct);
        await store.SetExperimentStageAsync(ExperimentId(body.ExperimentId), stage, await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SetTagAsync(HttpRequest request, TrackingStore store, CancellationToken ct)
    {
        var body = await ReadAsync<ExperimentRequest>(request, ct);
        await store.SetExperimentTagAsync(ExperimentId(body.ExperimentId), new TrackingTag(Required(body.Key, "key"), Required(body.Value, "value")), ct);
        return Ok(Empty);
    }
}
