using System.Security.Cryptography;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>
/// Writes a file so that readers see either nothing or all of it: a temp file in the same directory, flushed
/// to disk, then renamed over the target. The hash is of the bytes that reached the disk.
/// </summary>
public static class AtomicFile
{
    public static ArtifactFile Write(string directory, string name, Action<Stream> write)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, name);
        var temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            string hash;
            long length;
            using (var written = File.OpenRead(temp))
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(written));
                length = written.Length;
            }
            File.Move(temp, target, overwrite: true);
            return new ArtifactFile(name, target, hash, length);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
