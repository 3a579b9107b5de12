using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Audit;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;

namespace Telco.InsightPortal.Web.Registry.Api;

public static class RegisteredModelEndpoints
{
    public static RouteGroupBuilder MapRegisteredModelEndpoints(this RouteGroupBuilder mlflow)
    {
        var models = mlflow.MapGroup("/registered-models");
        models.MapPost("/create", CreateAsync).Writes();
        models.MapGet("/get", GetAsync).Reads();
        models.MapGet("/search", SearchAsync).Reads();
        models.MapPost("/rename", RenameAsync).Writes();
        models.MapPatch("/update", UpdateAsync).Writes();
        models.MapDelete("/delete", DeleteAsync).Writes();
        models.MapPost("/set-tag", SetTagAsync).Writes();
        models.MapDelete("/delete-tag", DeleteTagAsync).Writes();
        models.MapPost("/get-latest-versions", LatestBodyAsync).Reads();
        models.MapGet("/get-latest-versions", LatestQueryAsync).Reads();
        models.MapPost("/alias", SetAliasAsync).Writes();
        models.MapDelete("/alias", DeleteAliasAsync).Writes();
        models.MapGet("/alias", GetByAliasAsync).Reads();
        return mlflow;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var model = await store.CreateModelAsync(Required(body.Name, "name"), body.Description, body.TagList(), await actor.GetCurrentAsync(), ct);
        return Ok(new { RegisteredModel = RegisteredModelJson.From(model) });
    }

    private static async Task<IResult> GetAsync(HttpRequest request, RegistryStore store, CancellationToken ct) =>
        Ok(new { RegisteredModel = RegisteredModelJson.From(await store.GetModelAsync(Required((string?)request.Query["name"], "name"), ct)) });

    private static async Task<IResult> SearchAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var q = request.Query;
        var page = await store.SearchModelsAsync(q["filter"], Int(q["max_results"], "max_results"), q["order_by"].OfType<string>().ToList(), q["page_token"], ct);
        return Ok(new { RegisteredModels = page.Models.Select(RegisteredModelJson.From), page.NextPageToken });
    }

    private static async Task<IResult> RenameAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var model = await store.RenameModelAsync(Required(body.Name, "name"), Required(body.NewName, "new_name"), await actor.GetCurrentAsync(), ct);
        return Ok(new { RegisteredModel = RegisteredModelJson.From(model) });
    }

    private static async Task<IResult> UpdateAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var model = await store.UpdateModelAsync(Required(body.Name, "name"), body.Description, await actor.GetCurrentAsync(), ct);
        return Ok(new { RegisteredModel = RegisteredModelJson.From(model) });
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await RegistryHosting.ReadBodyOrQueryAsync(request, ct);
        await store.DeleteModelAsync(Required(body.Name, "name"), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SetTagAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        await store.SetModelTagAsync(Required(body.Name, "name"), new RegistryTag(Required(body.Key, "key"), body.Value ?? throw Missing("value")),
            await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> DeleteTagAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await RegistryHosting.ReadBodyOrQueryAsync(request, ct);
        await store.DeleteModelTagAsync(Required(body.Name, "name"), Required(body.Key, "key"), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> LatestBodyAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        return await LatestAsync(Required(body.Name, "name"), body.Stages ?? [], store, ct);
    }

    private static Task<IResult> LatestQueryAsync(HttpRequest request, RegistryStore store, CancellationToken ct) =>
        LatestAsync(Required((string?)request.Query["name"], "name"), request.Query["stages"].OfType<string>().ToList(), store, ct);

    private static async Task<IResult> LatestAsync(string name, IReadOnlyList<string> stages, RegistryStore store, CancellationToken ct) =>
        Ok(new { ModelVersions = (await store.GetLatestVersionsAsync(name, stages, ct)).Select(ModelVersionJson.From) });

    /// <summary>Setting the champion alias files an approval request instead; the answer says so and carries the request.</summary>
    private static async Task<IResult> SetAliasAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var change = await store.SetAliasAsync(Required(body.Name, "name"), Required(body.Alias, "alias"), body.VersionNumber(), body.Comment,
            await actor.GetCurrentAsync(), ct);
        return Ok(change.Applied ? Empty : ApprovalEndpoints.Pending(change));
    }

    private static async Task<IResult> DeleteAliasAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await RegistryHosting.ReadBodyOrQueryAsync(request, ct);
        await store.DeleteAliasAsync(Required(body.Name, "name"), Required(body.Alias, "alias"), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> GetByAliasAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var version = await store.GetVersionByAliasAsync(Required((string?)request.Query["name"], "name"), Required((string?)request.Query["alias"], "alias"), ct);
        return Ok(new { ModelVersion = ModelVersionJson.From(version) });
    }

    internal static Data.Tracking.TrackingException Missing(string name) => Data.Tracking.TrackingException.Invalid($"Missing value for required parameter '{name}'.");
}
