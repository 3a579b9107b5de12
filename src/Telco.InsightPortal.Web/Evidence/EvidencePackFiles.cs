using System.Globalization;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Evidence;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Experiments;

namespace Telco.InsightPortal.Web.Evidence;

/// <summary>A built pack waiting in a temporary file (deleted when the stream is closed) and the name to save it as.</summary>
public sealed record EvidencePackFile(FileStream Content, string FileName);

/// <summary>
/// Builds a version's evidence pack into a temporary file, for the API and the model page alike: a missing version or a
/// failing store is an error, not a cut download, and 100,000 entries are not held in memory. Building writes the
/// pack's <c>evidence.pack</c> audit entry and a checkpoint of the head.
/// </summary>
public sealed class EvidencePackFiles(EvidencePacks packs, RunArtifacts artifacts)
{
    public async Task<EvidencePackFile> BuildAsync(string name, long version, AuditActor actor, CancellationToken ct)
    {
        if (name.Length > 256 || name.Any(char.IsControl)) throw PortalException.Invalid("The model name is not valid.");
        var path = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var info = await packs.BuildAsync(name, version, actor, file, SlicesAsync, ct);
            file.Position = 0;
            return new(file, $"evidence-{Safe(info.Model)}-v{info.Version.ToString(CultureInfo.InvariantCulture)}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyList<EvidenceSliceColumn>?> SlicesAsync(string runId, CancellationToken ct) =>
        await RunArtifacts.ReadJsonAsync<List<SliceColumn>>(artifacts.DirectoryOf(runId), ArtifactNames.Slices, ct) is { } slices
            ? [.. slices.Select(c => new EvidenceSliceColumn(c.Column,
                [.. c.Slices.Select(s => new EvidenceSlice(s.Value, s.Rows, s.Positives, s.RocAuc, s.Accuracy, s.Precision, s.Recall, s.Note))]))]
            : null;

    // The download name is a header value: keep letters, digits, dot, dash and underscore.
    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
}
