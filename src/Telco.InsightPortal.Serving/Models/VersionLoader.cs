using System.Collections.Concurrent;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Ml.Artifacts;

namespace Telco.InsightPortal.Serving.Models;

/// <summary>
/// Loads model versions from the artifact root (hash-checked by <see cref="ModelLoader"/>) with their signature, and
/// warms each up with a real prediction through both paths before it may take traffic. Loaded versions are kept by
/// path and hash, so a rollback or a canary on a version already in memory is instant, and scaling one only builds
/// and warms a pool of another size over the same model.
/// </summary>
public sealed class VersionLoader(ServingPaths paths, ILogger<VersionLoader> logger)
{
    private readonly ModelLoader _loader = new(paths.ArtifactRoot);
    private readonly ConcurrentDictionary<(string Path, string Sha, int Pool), Lazy<LoadedVersion>> _loaded = new();

    /// <exception cref="ModelLoadException">The file is missing, outside the root, changed since training, has no
    /// signature, or cannot score; the message says which.</exception>
    public LoadedVersion Load(ModelVersionRef version, int poolSize)
    {
        var key = (Path: version.ModelPath, Sha: version.Sha256.ToLowerInvariant(), Pool: poolSize);
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<LoadedVersion>(() =>
            InMemory(key.Path, key.Sha) is { } same ? Resize(same, poolSize) : LoadNew(version, poolSize)));
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
        var loaded = WarmedUp(new LoadedVersion(version, model, signature, poolSize));
        logger.LogInformation("Loaded model {Version} from {Path} (pool of {Pool} engines)", loaded.Label, version.ModelPath, poolSize);
        return loaded;
    }

    /// <summary>A version already in memory with another pool size (a deployment being scaled): shares its model.</summary>
    private LoadedVersion? InMemory(string path, string sha) =>
        _loaded.Where(e => e.Key.Path == path && e.Key.Sha == sha && e.Value.IsValueCreated).Select(e => e.Value.Value).FirstOrDefault();

    private LoadedVersion Resize(LoadedVersion same, int poolSize)
    {
        var resized = WarmedUp(same.WithPool(poolSize));
        logger.LogInformation("Resized model {Version} to a pool of {Pool} engines (was {Was})", resized.Label, poolSize, same.PoolSize);
        return resized;
    }

    private static LoadedVersion WarmedUp(LoadedVersion loaded)
    {
        try
        {
            loaded.WarmUp(loaded.Inputs.WarmUpRow());
            return loaded;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"Model {loaded.Label} loaded but could not score a warm-up row: {e.Message}");
        }
    }
}

/// <summary>The artifact root serving loads models from.</summary>
public sealed class ServingPaths(string artifactRoot)
{
    public string ArtifactRoot { get; } = Path.GetFullPath(artifactRoot);
}
