using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>
/// Loads model zips only from under one artifact root, and only when their SHA-256 matches the hash recorded
/// at training time. A model zip is code-like (it names the transforms to instantiate), so a swapped or
/// planted file must never load. The bytes are hashed and loaded from the same buffer, so the file cannot
/// change between the check and the load.
/// </summary>
public sealed class ModelLoader(string artifactRoot)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(artifactRoot));

    /// <param name="path">Relative to the artifact root, or absolute inside it.</param>
    public LoadedModel Load(string path, string expectedSha256)
    {
        var file = Resolve(path);
        var bytes = File.ReadAllBytes(file);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(expectedSha256.Trim().ToLowerInvariant())))
            throw new ModelLoadException($"Model '{path}' does not match its recorded SHA-256; it was changed after training and will not be loaded.");
        var ml = new MLContext();
        using var stream = new MemoryStream(bytes, writable: false);
        var model = ml.Model.Load(stream, out var inputSchema);
        return new LoadedModel(model, inputSchema, file, actual);
    }

    /// <summary>The path of <paramref name="path"/>, after checking that neither it nor any link on the way leaves the root.</summary>
    public string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ModelLoadException("No model path was given.");
        if (Path.IsPathRooted(path))
        {
            var absolute = Path.GetFullPath(path);
            if (!ArtifactPath.IsUnder(absolute, _root)) throw new ModelLoadException($"Model path '{path}' is outside the artifact root.");
            path = ArtifactPath.Relative(_root, absolute);
        }
        string file;
        try
        {
            file = ArtifactPath.Resolve(_root, path);
        }
        catch (ArtifactPathException e)
        {
            throw new ModelLoadException("Model " + char.ToLowerInvariant(e.Message[0]) + e.Message[1..]);
        }
        if (!File.Exists(file)) throw new ModelLoadException($"Model file '{path}' does not exist.");
        return file;
    }
}
