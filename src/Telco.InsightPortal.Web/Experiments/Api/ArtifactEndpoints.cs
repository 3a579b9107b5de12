using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;
using Telco.InsightPortal.Web.Experiments.Artifacts;

namespace Telco.InsightPortal.Web.Experiments.Api;

/// <summary>
/// Run artifacts over MLflow's APIs: <c>artifacts/list</c> of the tracking API, <c>/get-artifact</c> (the MLflow UI's
/// download), and the proxied artifact API at <c>/api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>, which is where an
/// MLflow client sends a run whose artifact_uri is <c>mlflow-artifacts:/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts</c>.
/// </summary>
public static class ArtifactEndpoints
{
    public const string ProxyPrefix = "/api/2.0/mlflow-artifacts";

    // The registered type of .zip (the provider's default is Windows' x-zip-compressed).
    private static readonly FileExtensionContentTypeProvider ContentTypes = new() { Mappings = { [".zip"] = "application/zip" } };

    public static RouteGroupBuilder MapArtifactEndpoints(this RouteGroupBuilder mlflow)
    {
        mlflow.MapGet("/artifacts/list", ListAsync).Reads();
        return mlflow;
    }

    public static WebApplication MapArtifactProxy(this WebApplication app)
    {
        var proxy = app.MapGroup(ProxyPrefix).WithTags("Tracking (MLflow artifacts)").DisableAntiforgery();
        // GET with a path downloads; GET without one lists ?path=, as MLflow's proxy does.
        proxy.MapGet("/artifacts/{**path}", ProxyGetAsync).Reads();
        proxy.MapPut("/artifacts/{**path}", ArtifactUpload.PutAsync).Writes();
        app.MapGet("/get-artifact", GetArtifactAsync).WithTags("Tracking (MLflow artifacts)").Reads();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, TrackingStore store, RunArtifactFiles files, IOptions<ArtifactOptions> options,
        CancellationToken ct)
    {
        var run = await store.GetRunAsync(QueryRunId(request), ct);
        var all = files.List(run.Info.RunId, request.Query["path"]);
        var size = options.Value.ListPageSize;
        var offset = PageToken.Decode(request.Query["page_token"]);
        var page = all.Skip((int)Math.Min(offset, int.MaxValue)).Take(size).ToList();
        var next = offset + size < all.Count ? PageToken.Encode(offset + size) : null;
        return Ok(new { RootUri = run.Info.ArtifactUri, Files = page, NextPageToken = next });
    }

    private static async Task<IResult> GetArtifactAsync(HttpContext http, TrackingStore store, RunArtifactFiles files, CancellationToken ct)
    {
        var run = await store.GetRunAsync(QueryRunId(http.Request), ct);
        string? path = http.Request.Query["path"];
        return Download(http, files, run.Info.RunId, Required(path, "path"));
    }

    private static async Task<IResult> ProxyGetAsync(string? path, HttpContext http, TrackingStore store, RunArtifactFiles files, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(path))
        {
            var (run, relative) = await ProxiedPath.ResolveAsync(path, store, ct);
            return Download(http, files, run.Info.RunId, relative);
        }
        var (listed, folder) = await ProxiedPath.ResolveAsync(http.Request.Query["path"], store, ct);
        // The proxy answers names relative to the folder listed; the client joins them to its own path.
        var entries = files.List(listed.Info.RunId, folder).Select(f => f with { Path = Path.GetFileName(f.Path) });
        return Ok(new { Files = entries });
    }

    private static IResult Download(HttpContext http, RunArtifactFiles files, string runId, string relative)
    {
        var file = files.Resolve(runId, relative);
        if (Directory.Exists(file)) throw TrackingException.Invalid($"Artifact path '{relative}' of run {runId} is a directory; list it with artifacts/list.");
        if (string.IsNullOrEmpty(relative) || !File.Exists(file) || Ml.Artifacts.AtomicFile.IsTemp(Path.GetFileName(file)))
            throw TrackingException.NotFound($"Artifact '{relative}' of run {runId} does not exist.");
        if (!ContentTypes.TryGetContentType(file, out var contentType)) contentType = "application/octet-stream";
        // Always an attachment, never sniffed and never run as a page: artifacts are whatever a client uploaded.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(file, contentType, Path.GetFileName(file), enableRangeProcessing: true);
    }
}
