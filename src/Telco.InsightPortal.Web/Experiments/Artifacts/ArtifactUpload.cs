using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Hosting;

using static Telco.InsightPortal.Web.Experiments.Api.MlflowJson;
using Telco.InsightPortal.Web.Experiments.Api;

namespace Telco.InsightPortal.Web.Experiments.Artifacts;

/// <summary>
/// <c>PUT /api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>: the body is the file. It is streamed to a temp file
/// next to its target (never past the size limit), flushed, and renamed into place inside the transaction that
/// writes its audit entry; a refused or failed upload leaves neither the file nor any folder it created.
/// </summary>
internal static class ArtifactUpload
{
    public static async Task<IResult> PutAsync(string? path, HttpContext http, TrackingStore store, RunArtifactFiles files,
        IOptions<ArtifactOptions> options, IAuditActorAccessor actor, CancellationToken ct)
    {
        var (run, relative) = await ProxiedPath.ResolveAsync(path, store, ct);
        if (relative.Length == 0 || path!.EndsWith('/'))
            throw TrackingException.Invalid($"Path '{path}' names a folder; upload to a file path inside the run's artifacts.");
        var target = files.Resolve(run.Info.RunId, relative);
        if (Directory.Exists(target)) throw TrackingException.Invalid($"Artifact path '{relative}' of run {run.Info.RunId} is a directory.");
        ArtifactUploadPolicy.Check(run, relative, target);
        var max = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > max) throw TooLarge(max);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;

        var directory = Path.GetDirectoryName(target)!;
        var runDirectory = files.DirectoryOf(run.Info.RunId);
        RequireFolders(runDirectory, directory, relative, run.Info.RunId);
        var created = FirstMissing(directory, runDirectory);
        try
        {
            Directory.CreateDirectory(directory);
            using var pending = await AtomicFile.WriteTempAsync(directory, Path.GetFileName(target),
                (stream, c) => CopyAsync(http.Request.Body, stream, max, c), ct);
            await store.RecordArtifactUploadAsync(run.Info.RunId, relative, pending.Bytes, pending.Sha256, await actor.GetCurrentAsync(), current =>
            {
                ArtifactUploadPolicy.Check(current, relative, target);
                pending.Commit(overwrite: true);
            }, ct);
            return Ok(Empty);
        }
        catch
        {
            RemoveIfEmpty(created);
            throw;
        }
    }

    private static async Task CopyAsync(Stream body, Stream target, long max, CancellationToken ct)
    {
        try
        {
            await BoundedCopy.CopyAsync(body, target, max, () => TooLarge(max), null, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(max);
        }
    }

    private static TrackingException TooLarge(long max) =>
        new(TrackingErrors.TooLarge, $"The upload is larger than the limit of {max} bytes (Tracking:Artifacts:MaxUploadBytes).");

    private static void RequireFolders(string runDirectory, string directory, string relative, string runId)
    {
        for (var d = directory; d.Length > runDirectory.Length; d = Path.GetDirectoryName(d)!)
            if (File.Exists(d))
                throw TrackingException.Invalid($"Artifact path '{relative}' of run {runId} cannot be written: '{ArtifactPath.Relative(runDirectory, d)}' is a file, not a folder.");
    }

    /// <summary>The topmost folder between the run's directory and <paramref name="directory"/> that does not exist yet.</summary>
    private static string? FirstMissing(string directory, string runDirectory)
    {
        string? missing = null;
        for (var d = directory; d.Length >= runDirectory.Length && !Directory.Exists(d); d = Path.GetDirectoryName(d)!) missing = d;
        return missing;
    }

    private static void RemoveIfEmpty(string? created)
    {
        if (created is null || !Directory.Exists(created)) return;
        if (!Directory.EnumerateFiles(created, "*", SearchOption.AllDirectories).Any()) Directory.Delete(created, recursive: true);
    }
}
