using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Hosting;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;

namespace Telco.InsightPortal.Web.Registry.Api;

public static class ModelVersionEndpoints
{
    public static RouteGroupBuilder MapModelVersionEndpoints(this RouteGroupBuilder mlflow)
    {
        var versions = mlflow.MapGroup("/model-versions");
        versions.MapPost("/create", CreateAsync).Writes();
        versions.MapGet("/get", GetAsync).Reads();
        versions.MapGet("/search", SearchAsync).Reads();
        versions.MapPatch("/update", UpdateAsync).Writes();
        versions.MapDelete("/delete", DeleteAsync).Writes();
        versions.MapPost("/set-tag", SetTagAsync).Writes();
        versions.MapDelete("/delete-tag", DeleteTagAsync).Writes();
        versions.MapPost("/transition-stage", TransitionAsync).Writes();
        versions.MapGet("/get-download-uri", DownloadUriAsync).Reads();
        return mlflow;
    }

    /// <summary>The source is checked against the artifact root before anything is written: see <see cref="ModelSources"/>.</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, RegistryStore store, PortalPaths paths, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var name = Required(body.Name, "name");
        var source = ModelSources.Resolve(body.Source, paths.Artifacts);
        if (!string.IsNullOrEmpty(body.RunId) && body.RunId != source.RunId)
            throw Data.Tracking.TrackingException.Invalid($"run_id '{body.RunId}' does not match the run of source '{source.Text}'.");
        var version = await store.CreateVersionAsync(name, source, body.Description, body.TagList(), await actor.GetCurrentAsync(), ct);
        return Ok(new { ModelVersion = ModelVersionJson.From(version) });
    }

    private static async Task<IResult> GetAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var version = await store.GetVersionAsync(Required((string?)request.Query["name"], "name"), RegistryStore.ParseVersion(request.Query["version"]), ct);
        return Ok(new { ModelVersion = ModelVersionJson.From(version) });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var q = request.Query;
        var page = await store.SearchVersionsAsync(q["filter"], Int(q["max_results"], "max_results"), q["order_by"].OfType<string>().ToList(), q["page_token"], ct);
        return Ok(new { ModelVersions = page.Versions.Select(ModelVersionJson.From), page.NextPageToken });
    }

    private static async Task<IResult> UpdateAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var version = await store.UpdateVersionAsync(Required(body.Name, "name"), body.VersionNumber(), body.Description, await actor.GetCurrentAsync(), ct);
        return Ok(new { ModelVersion = ModelVersionJson.From(version) });
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await RegistryHosting.ReadBodyOrQueryAsync(request, ct);
        await store.DeleteVersionAsync(Required(body.Name, "name"), body.VersionNumber(), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> SetTagAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        await store.SetVersionTagAsync(Required(body.Name, "name"), body.VersionNumber(),
            new RegistryTag(Required(body.Key, "key"), body.Value ?? throw RegisteredModelEndpoints.Missing("value")), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    private static async Task<IResult> DeleteTagAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await RegistryHosting.ReadBodyOrQueryAsync(request, ct);
        await store.DeleteVersionTagAsync(Required(body.Name, "name"), body.VersionNumber(), Required(body.Key, "key"), await actor.GetCurrentAsync(), ct);
        return Ok(Empty);
    }

    /// <summary>To Production this files an approval request: the version is answered unchanged, with the pending request beside it.</summary>
    private static async Task<IResult> TransitionAsync(HttpRequest request, RegistryStore store, IAuditActorAccessor actor, CancellationToken ct)
    {
        var body = await ReadAsync<RegistryRequest>(request, ct);
        var change = await store.TransitionStageAsync(Required(body.Name, "name"), body.VersionNumber(), Required(body.Stage, "stage"),
            body.ArchiveExistingVersions ?? false, body.Comment, await actor.GetCurrentAsync(), ct);
        return Ok(change.Applied ? new { ModelVersion = ModelVersionJson.From(change.Version) } : ApprovalEndpoints.Pending(change));
    }

    private static async Task<IResult> DownloadUriAsync(HttpRequest request, RegistryStore store, CancellationToken ct)
    {
        var version = await store.GetVersionAsync(Required((string?)request.Query["name"], "name"), RegistryStore.ParseVersion(request.Query["version"]), ct);
        return Ok(new { ArtifactUri = $"runs:/{version.RunId}/{Path.GetFileName(version.ModelPath)}" });
    }
}
