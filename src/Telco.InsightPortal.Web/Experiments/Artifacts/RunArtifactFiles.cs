using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Experiments.Artifacts;

/// <summary>One entry of an artifact listing, in MLflow's FileInfo shape; the size is given for files only.</summary>
public sealed record ArtifactFileInfo(string Path, bool IsDir, long? FileSize);

/// <summary>
/// A run's artifacts on disk, at <c>&lt;Artifacts&gt;/runs/&lt;run_id&gt;/</c>, whoever wrote them (the embedded
/// trainer or an MLflow client). Every path a caller names goes through <see cref="ArtifactPath"/>, with the run's
/// own directory as the root, so no request reaches another run's files or anything outside the artifact root.
/// </summary>
public sealed class RunArtifactFiles(PortalPaths paths)
{
    public string RunsRoot { get; } = Path.Combine(paths.Artifacts, "runs");

    public string DirectoryOf(string runId) => ArtifactPath.Resolve(RunsRoot, runId);

    /// <exception cref="TrackingException">INVALID_PARAMETER_VALUE when the path could leave the run's directory.</exception>
    public string Resolve(string runId, string? relative)
    {
        try
        {
            return ArtifactPath.Resolve(DirectoryOf(runId), relative);
        }
        catch (ArtifactPathException e)
        {
            throw TrackingException.Invalid(e.Message);
        }
    }

    /// <summary>The entries directly inside <paramref name="relative"/>, by name, with paths relative to the run's
    /// directory. A missing folder or a file lists as empty, as in MLflow. Temp files of writes in progress and
    /// links are left out.</summary>
    public IReadOnlyList<ArtifactFileInfo> List(string runId, string? relative)
    {
        var directory = Resolve(runId, relative);
        if (!Directory.Exists(directory)) return [];
        var runDirectory = DirectoryOf(runId);
        return new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Where(i => !AtomicFile.IsTemp(i.Name) && (i.Attributes & FileAttributes.ReparsePoint) == 0)
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => new ArtifactFileInfo(ArtifactPath.Relative(runDirectory, i.FullName), i is DirectoryInfo, (i as FileInfo)?.Length))
            .ToList();
    }
}
