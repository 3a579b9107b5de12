using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Web.Experiments.Api;

/// <summary>Reads a path of MLflow's proxied artifact API, <c>&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/&lt;path&gt;</c>
/// (the run's artifact_uri after <c>mlflow-artifacts:/</c>), as a run and a path inside its artifact directory.
/// The run is looked up in the store and must own that URI, so the disk location comes from the run id alone.</summary>
internal static class ProxiedPath
{
    private const string Scheme = "mlflow-artifacts:";

    public static async Task<(Run Run, string Relative)> ResolveAsync(string? path, TrackingStore store, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(path))
            throw TrackingException.Invalid("Missing value for required parameter 'path': name a run's artifact path, <experiment_id>/<run_id>/artifacts/<path>.");
        try
        {
            ArtifactPath.Check(path);
        }
        catch (ArtifactPathException e)
        {
            throw TrackingException.Invalid(e.Message);
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            if (segments[i + 1] != "artifacts" || !IsRunId(segments[i])) continue;
            var run = await store.GetRunAsync(segments[i], ct);
            var prefix = string.Join('/', segments[..(i + 2)]);
            if (UriPath(run.Info.ArtifactUri) != prefix)
                throw TrackingException.Invalid($"Path '{path}' is not under the artifact URI of run {run.Info.RunId} ('{run.Info.ArtifactUri}').");
            return (run, string.Join('/', segments[(i + 2)..]));
        }
        throw TrackingException.Invalid($"Path '{path}' names no run; artifact paths are <experiment_id>/<run_id>/artifacts/<path>, as in the run's artifact_uri.");
    }

    private static string UriPath(string artifactUri) =>
        artifactUri.StartsWith(Scheme, StringComparison.Ordinal) ? artifactUri[Scheme.Length..].Trim('/') : "";

    private static bool IsRunId(string segment) => segment.Length == 32 && segment.All(char.IsAsciiHexDigitLower);
}
