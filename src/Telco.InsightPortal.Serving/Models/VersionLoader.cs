using System.Collections.Concurrent;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Models;

/// <summary>
/// Loads model versions from the artifact root (hash-checked by <see cref="ModelLoader"/>) with their signature, and
/// warms each up with a real prediction through both paths before it may take traffic. Loaded versions are kept by
/// path and hash, so a rollback or a canary on a version already in memory is instant.
/// </summary>
public sealed class VersionLoader(ServingPaths paths, ILogger<VersionLoader> logger)
{
    private readonly ModelLoader _loader = new(paths.ArtifactRoot);
    private readonly ConcurrentDictionary<(string Path, string Sha, int Pool), Lazy<LoadedVersion>> _loaded = new();

    /// <exception cref="ModelLoadException">The file is missing, outside the root, changed since training, has no
    /// signature, or cannot score; the message says which.</exception>
    public LoadedVersion Load(ModelVersionRef version, int poolSize)
    {
        var key = (version.ModelPath, version.Sha256.ToLowerInvariant(), poolSize);
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<LoadedVersion>(() => LoadNew(version, poolSize)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<(string, string, int), Lazy<LoadedVersion>>(key, lazy));
            throw;
        }
    }

    /// <summary>Forgets versions no deployment serves any more.</summary>
    public void Retain(IEnumerable<LoadedVersion> inUse)
    {
        var keep = inUse.ToHashSet();
        foreach (var (key, lazy) in _loaded)
            if (lazy.IsValueCreated && !keep.Contains(lazy.Value)) _loaded.TryRemove(key, out _);
    }

    private LoadedVersion LoadNew(ModelVersionRef version, int poolSize)
    {
        var model = _loader.Load(version.ModelPath, version.Sha256);
        var signature = ModelSignature.Read(Path.Combine(Path.GetDirectoryName(model.Path)!, ArtifactNames.Signature));
        var loaded = new LoadedVersion(version, model, signature, poolSize);
        try
        {
            var row = loaded.Inputs.WarmUpRow();
            loaded.Score([row]);
            loaded.Score([row, row]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"Model {loaded.Label} loaded but could not score a warm-up row: {e.Message}");
        }
        logger.LogInformation("Loaded model {Version} from {Path} (pool of {Pool} engines)", loaded.Label, version.ModelPath, poolSize);
        return loaded;
    }
}

/// <summary>The artifact root serving loads models from.</summary>
public sealed class ServingPaths(string artifactRoot)
{
    public string ArtifactRoot { get; } = Path.GetFullPath(artifactRoot);
}
