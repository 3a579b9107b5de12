using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Data.Registry;

/// <summary>
/// Turns a model version's source into a file under the run's own artifact folder, or refuses it. Accepted:
/// <c>runs:/&lt;run_id&gt;[/path]</c> and the run's artifact URI <c>mlflow-artifacts:/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts[/path]</c>.
/// Anything that could reach outside (other schemes, absolute paths, <c>..</c>, backslashes, percent-encoding of any
/// kind, empty segments) is refused before the file system is touched, and the resolved path is checked again
/// against the run's folder: the family of MLflow's CVE-2023-1177.
/// </summary>
public static partial class ModelSources
{
    public const string ModelFile = "model.zip";

    public static ModelSource Resolve(string? source, string artifactRoot)
    {
        if (string.IsNullOrWhiteSpace(source)) throw TrackingException.Invalid("Missing value for required parameter 'source'.");
        if (source.Length > 1000) throw Refused(source[..64] + "…", "it is longer than 1000 characters");
        if (source.Any(ch => char.IsControl(ch))) throw Refused(source, "it contains control characters");
        if (source.Contains('\\')) throw Refused(source, "backslashes are not allowed");
        if (source.Contains('%')) throw Refused(source, "percent-encoded characters are not allowed");

        string runId, rest;
        string? artifactUri = null;
        if (RunsUri().Match(source) is { Success: true } runs)
        {
            runId = runs.Groups["run"].Value;
            rest = runs.Groups["path"].Value;
        }
        else if (ArtifactsUri().Match(source) is { Success: true } artifacts)
        {
            runId = artifacts.Groups["run"].Value;
            rest = artifacts.Groups["path"].Value;
            artifactUri = $"mlflow-artifacts:/{artifacts.Groups["experiment"].Value}/{runId}/artifacts";
        }
        else
        {
            throw Refused(source, "use runs:/<run_id>/<path> or the run's artifact URI mlflow-artifacts:/<experiment_id>/<run_id>/artifacts/<path>");
        }

        var segments = rest.Length == 0 ? [] : rest.TrimStart('/').Split('/');
        foreach (var segment in segments)
            if (!SafeSegment().IsMatch(segment) || segment is "." or "..")
                throw Refused(source, $"the path segment '{segment}' is not allowed");

        var runDirectory = Path.GetFullPath(Path.Combine(artifactRoot, "runs", runId)) + Path.DirectorySeparatorChar;
        var candidate = Path.GetFullPath(Path.Combine([runDirectory, .. segments]));
        if (!(candidate + Path.DirectorySeparatorChar).StartsWith(runDirectory, StringComparison.Ordinal))
            throw Refused(source, "it resolves outside the run's artifact folder");
        // The trainer writes model.zip at the top of the run's folder; MLflow clients name the model folder "model".
        if (candidate + Path.DirectorySeparatorChar == runDirectory || Directory.Exists(candidate) || segments is ["model"])
            candidate = Path.Combine(Directory.Exists(candidate) ? candidate : runDirectory, ModelFile);
        if (!candidate.EndsWith(".zip", StringComparison.Ordinal)) throw Refused(source, "it does not name a model zip");
        var file = new FileInfo(candidate);
        if (!file.Exists) throw TrackingException.Invalid($"Run '{runId}' has no model zip at '{Relative(runDirectory, candidate)}'.");
        if ((file.Attributes & FileAttributes.ReparsePoint) != 0) throw Refused(source, "the model file is a link");

        var inRun = Relative(runDirectory, candidate);
        return new ModelSource(source, runId, $"runs/{runId}/{inRun}", inRun, candidate, artifactUri);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Relative(string runDirectory, string path) => path[runDirectory.Length..].Replace(Path.DirectorySeparatorChar, '/');

    private static TrackingException Refused(string source, string reason) =>
        TrackingException.Invalid($"Invalid model version source '{source}': {reason}.");

    [GeneratedRegex("^runs:/(?<run>[A-Za-z0-9_-]{1,64})(?<path>(/[^/]+)*)/?$")]
    private static partial Regex RunsUri();

    [GeneratedRegex("^mlflow-artifacts:/(?<experiment>[0-9]{1,18})/(?<run>[A-Za-z0-9_-]{1,64})/artifacts(?<path>(/[^/]+)*)/?$")]
    private static partial Regex ArtifactsUri();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,255}$")]
    private static partial Regex SafeSegment();
}
