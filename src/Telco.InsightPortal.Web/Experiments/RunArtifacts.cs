using System.Text.Json;
using System.Text.RegularExpressions;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;
using Telco.InsightPortal.Ml.Evaluation;
using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Experiments;

public sealed record ArtifactEntry(string Name, long Size, string? Sha256);

/// <summary>What the trainer wrote for a run, as the run page shows it; each part is null when absent.</summary>
public sealed record RunArtifactSet(
    IReadOnlyList<ArtifactEntry> Files,
    IReadOnlyList<RocPoint>? Roc,
    IReadOnlyList<PrPoint>? PrecisionRecall,
    ConfusionMatrix? Confusion,
    IReadOnlyList<ColumnImportance>? Importance,
    IReadOnlyList<CalibrationBin>? Calibration)
{
    public static readonly RunArtifactSet Empty = new([], null, null, null, null, null);
}

/// <summary>Reads a run's artifacts from <c>&lt;Artifacts&gt;/runs/&lt;runId&gt;</c> only: a run id that is not a
/// plain name, or a path that would leave that folder, reads nothing.</summary>
public sealed partial class RunArtifacts(PortalPaths paths)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? DirectoryOf(string runId)
    {
        if (!SafeRunId().IsMatch(runId)) return null;
        var root = Path.GetFullPath(Path.Combine(paths.Artifacts, "runs")) + Path.DirectorySeparatorChar;
        var directory = Path.GetFullPath(Path.Combine(root, runId));
        return directory.StartsWith(root, StringComparison.Ordinal) ? directory : null;
    }

    public async Task<RunArtifactSet> ReadAsync(Run run, CancellationToken ct = default)
    {
        if (DirectoryOf(run.Info.RunId) is not { } directory || !Directory.Exists(directory)) return RunArtifactSet.Empty;
        var files = new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && (f.Attributes & FileAttributes.ReparsePoint) == 0)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new ArtifactEntry(f.Name, f.Length, run.Tags.FirstOrDefault(t => t.Key == $"artifact.{f.Name}.sha256")?.Value))
            .ToList();
        return new RunArtifactSet(files,
            await ReadJsonAsync<List<RocPoint>>(directory, ArtifactNames.Roc, ct),
            await ReadJsonAsync<List<PrPoint>>(directory, ArtifactNames.PrecisionRecall, ct),
            await ReadJsonAsync<ConfusionMatrix>(directory, ArtifactNames.Confusion, ct),
            await ReadJsonAsync<List<ColumnImportance>>(directory, ArtifactNames.Importance, ct),
            await ReadJsonAsync<List<CalibrationBin>>(directory, ArtifactNames.Calibration, ct));
    }

    /// <summary>One JSON artifact of a run's folder, or null when it is absent or unreadable (a page shows what there is).</summary>
    internal static async Task<T?> ReadJsonAsync<T>(string? directory, string name, CancellationToken ct) where T : class
    {
        if (directory is null) return null;
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, ct);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeRunId();
}
