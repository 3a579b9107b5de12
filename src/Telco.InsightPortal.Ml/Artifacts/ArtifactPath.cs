namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>A path was refused because it could leave its root; the message names the path and the reason.</summary>
public sealed class ArtifactPathException(string message) : Core.Errors.PortalException(Core.Errors.ErrorKind.Invalid, message);

/// <summary>
/// The one guard for caller-supplied paths under an artifact root (model loading, the artifact API, the sweep):
/// relative, '/'-separated, no '..', no backslash, no NUL or control character, no percent-encoded traversal
/// left over after the URL decoding the server already did, and no symbolic link on the way that leads out.
/// </summary>
public static class ArtifactPath
{
    // Double encoding (%252e%252e) decodes to %2e%2e on the first pass; three passes catch triple encoding too.
    private const int DecodePasses = 3;

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/> (the root itself when
    /// empty). The file need not exist; every part of it that does must stay inside the root.</summary>
    public static string Resolve(string root, string? relative)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (string.IsNullOrEmpty(relative)) return fullRoot;
        Check(relative);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (full != fullRoot && !IsUnder(full, fullRoot))
            throw new ArtifactPathException($"Path '{relative}' is outside the artifact root.");

        var realRoot = RealPath(fullRoot);
        var current = realRoot;
        foreach (var segment in Path.GetRelativePath(fullRoot, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".") continue;
            current = RealPath(Path.Combine(current, segment));
            if (current != realRoot && !IsUnder(current, realRoot))
                throw new ArtifactPathException($"Path '{relative}' goes through a link that leaves the artifact root.");
        }
        return full;
    }

    /// <summary>The checks that need no file system: what a path may contain at all.</summary>
    public static void Check(string path)
    {
        if (path.Any(char.IsControl))
            throw new ArtifactPathException($"Path '{Printable(path)}' contains a NUL or control character.");
        if (path.Contains('\\'))
            throw new ArtifactPathException($"Path '{path}' contains a backslash; use '/' between folders.");
        if (path.StartsWith('/') || Path.IsPathRooted(path) || (path.Length >= 2 && path[1] == ':'))
            throw new ArtifactPathException($"Path '{path}' is absolute; artifact paths are relative to the run's artifact directory.");
        if (path.Contains("//", StringComparison.Ordinal))
            throw new ArtifactPathException($"Path '{path}' contains an empty folder name ('//').");
        if (HasParentSegment(path))
            throw new ArtifactPathException($"Path '{path}' contains '..'; paths must stay inside the artifact root.");
        var decoded = path;
        for (var pass = 0; pass < DecodePasses && decoded.Contains('%'); pass++)
        {
            decoded = Uri.UnescapeDataString(decoded);
            if (CouldEscape(decoded))
                throw new ArtifactPathException($"Path '{path}' contains percent-encoded traversal ('{Printable(decoded)}' once decoded).");
        }
    }

    /// <summary>The path of <paramref name="full"/> relative to <paramref name="root"/>, with '/' separators.</summary>
    public static string Relative(string root, string full) =>
        Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');

    private static bool CouldEscape(string path) =>
        HasParentSegment(path) || path.Contains('\\') || path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal) || path.Any(char.IsControl);

    private static bool HasParentSegment(string path) => path.Split('/').Any(segment => segment == "..");

    private static string Printable(string path) => new(path.Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static string RealPath(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is null ? path : Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
    }

    public static bool IsUnder(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
