using System.Data.Common;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Experiments.Artifacts;

public sealed record SweepResult(IReadOnlyList<string> RemovedDirectories, IReadOnlyList<string> RemovedTempFiles);

/// <summary>
/// At start and every <see cref="ArtifactOptions.SweepInterval"/>: removes run artifact folders whose run the store
/// does not know (a run whose creation failed after its folder was made, a store restored from an older backup) and
/// temp files of atomic writes a crash interrupted, anywhere under the artifact root. Nothing younger than
/// <see cref="ArtifactOptions.SweepGrace"/> is touched, so a run being created or a write in progress is safe;
/// deleted runs keep their files, as they can be restored. Links are never followed.
/// </summary>
public sealed class ArtifactSweeper(RunArtifactFiles files, PortalPaths paths, TrackingStore store, IAuditTrail audit,
    IOptions<ArtifactOptions> options, TimeProvider clock, ILogger<ArtifactSweeper> log) : BackgroundService
{
    private const int LookupChunk = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
            {
                log.LogError(e, "Artifact sweep failed; it runs again in {Interval}.", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; sweeps never overlap (the one at start holds the gate before the host has started).</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.SweepGrace;
            var directories = await RemoveOrphanDirectoriesAsync(cutoff, ct);
            var temps = RemoveTempFiles(cutoff);
            if (directories.Count + temps.Count > 0)
                await audit.AppendAsync(AuditActor.System, new AuditEvent("artifact.sweep", "artifacts", null,
                    Details: new { directories = directories.Take(100), tempFiles = temps.Take(100), directoryCount = directories.Count, tempFileCount = temps.Count }), ct);
            return new SweepResult(directories, temps);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<string>> RemoveOrphanDirectoriesAsync(DateTime cutoff, CancellationToken ct)
    {
        var removed = new List<string>();
        if (!Directory.Exists(files.RunsRoot)) return removed;
        var old = new DirectoryInfo(files.RunsRoot).EnumerateDirectories()
            .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0 && d.LastWriteTimeUtc < cutoff)
            .ToList();
        foreach (var chunk in old.Chunk(LookupChunk))
        {
            var known = await store.ExistingRunIdsAsync(chunk.Select(d => d.Name).ToList(), ct);
            foreach (var orphan in chunk.Where(d => !known.Contains(d.Name)))
            {
                orphan.Delete(recursive: true);
                removed.Add(orphan.Name);
                log.LogWarning("Removed artifact folder {Folder}: no run {RunId} exists in the store.", orphan.FullName, orphan.Name);
            }
        }
        return removed;
    }

    private List<string> RemoveTempFiles(DateTime cutoff)
    {
        var removed = new List<string>();
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in new DirectoryInfo(paths.Artifacts).EnumerateFiles("*.tmp", walk))
        {
            if (!AtomicFile.IsTemp(file.Name) || file.LastWriteTimeUtc >= cutoff) continue;
            file.Delete();
            var relative = ArtifactPath.Relative(paths.Artifacts, file.FullName);
            removed.Add(relative);
            log.LogWarning("Removed temp file {File} left by an interrupted write.", relative);
        }
        return removed;
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
