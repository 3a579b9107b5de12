using System.Globalization;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Evidence;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Evidence;

/// <summary>
/// The evidence pack download and the public key that checks it. Both need <see cref="Policies.AuditRead"/> (Auditor,
/// Admin), stricter than reading models: a pack carries every audit entry from the first one about the version to the
/// checkpoint — other people's sign-ins and addresses among them, which only audit readers may see — because the chain
/// cannot be linked without them.
/// </summary>
public static class EvidenceEndpoints
{
    public static RouteGroupBuilder MapEvidenceApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models/{name}/versions/{version:long}/evidence-pack", DownloadAsync).RequireAuthorization(Policies.AuditRead).WithTags("Evidence");
        v1.MapGet("/audit/public-key", PublicKey).RequireAuthorization(Policies.AuditRead).WithTags("Audit");
        return v1;
    }

    /// <summary>Builds the pack into a temporary file first: a missing version or a failing store is an error answer, not
    /// a cut download, and 100,000 entries are not held in memory.</summary>
    /// <remarks>A GET that writes: the <c>evidence.pack</c> audit entry (as the CSV export records itself) and a
    /// checkpoint of the head (what the checkpoint service writes every few minutes anyway).</remarks>
    private static async Task<IResult> DownloadAsync(string name, long version, EvidencePacks packs, RunArtifacts artifacts,
        IAuditActorAccessor actor, CancellationToken ct)
    {
        if (name.Length > 256 || name.Any(char.IsControl)) throw PortalException.Invalid("The model name is not valid.");
        var path = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var info = await packs.BuildAsync(name, version, await actor.GetCurrentAsync(), file, (runId, c) => SlicesAsync(artifacts, runId, c), ct);
            file.Position = 0;
            var download = $"evidence-{Safe(info.Model)}-v{info.Version.ToString(CultureInfo.InvariantCulture)}.zip";
            return TypedResults.File(file, "application/zip", download);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static IResult PublicKey(CheckpointKey key)
    {
        var publicKey = key.PublicKey;
        return TypedResults.Ok(new { fingerprint = publicKey.Fingerprint, pem = publicKey.ToPem() });
    }

    private static async Task<IReadOnlyList<EvidenceSliceColumn>?> SlicesAsync(RunArtifacts artifacts, string runId, CancellationToken ct) =>
        await RunArtifacts.ReadJsonAsync<List<SliceColumn>>(artifacts.DirectoryOf(runId), ArtifactNames.Slices, ct) is { } slices
            ? [.. slices.Select(c => new EvidenceSliceColumn(c.Column,
                [.. c.Slices.Select(s => new EvidenceSlice(s.Value, s.Rows, s.Positives, s.RocAuc, s.Accuracy, s.Precision, s.Recall, s.Note))]))]
            : null;

    // The download name is a header value: keep letters, digits, dot, dash and underscore.
    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
}
