using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Telco.InsightPortal.Ml.Artifacts;

/// <summary>
/// Writes a file so that readers see either nothing or all of it: a temp file in the same directory, flushed
/// to disk, then renamed over the target. The hash is of the bytes that reached the disk. A temp file left by
/// a process that died mid-write keeps the <c>.&lt;name&gt;.&lt;guid&gt;.tmp</c> shape, which the artifact sweep looks for.
/// </summary>
public static partial class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static ArtifactFile Write(string directory, string name, Action<Stream> write)
    {
        using var pending = PendingFile.Create(directory, name);
        using (var stream = pending.Open())
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        return pending.Commit(overwrite: true);
    }

    /// <summary>Writes the temp file only; the caller decides when (and whether) to <see cref="PendingFile.Commit"/>
    /// it, e.g. inside the transaction that records it. Disposing an uncommitted file deletes it.</summary>
    public static async Task<PendingFile> WriteTempAsync(string directory, string name, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        var pending = PendingFile.Create(directory, name);
        try
        {
            await using (var stream = pending.Open())
            {
                await write(stream, ct);
                stream.Flush(flushToDisk: true);
            }
            pending.Hash();
            return pending;
        }
        catch
        {
            pending.Dispose();
            throw;
        }
    }

    /// <summary>True for the temp files this class writes (and a crash may leave behind).</summary>
    public static bool IsTemp(string fileName) => TempName().IsMatch(fileName);

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    public sealed class PendingFile : IDisposable
    {
        private PendingFile(string target, string temp)
        {
            Target = target;
            TempPath = temp;
        }

        public string Target { get; }

        public string TempPath { get; }

        public string Sha256 { get; private set; } = "";

        public long Bytes { get; private set; }

        internal static PendingFile Create(string directory, string name)
        {
            Directory.CreateDirectory(directory);
            return new PendingFile(Path.Combine(directory, name), Path.Combine(directory, $".{name}.{Guid.NewGuid():N}{TempSuffix}"));
        }

        internal FileStream Open() => new(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);

        internal void Hash()
        {
            using var written = File.OpenRead(TempPath);
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(written));
            Bytes = written.Length;
        }

        /// <summary>Renames the temp file onto the target; without <paramref name="overwrite"/> an existing target is an IOException.</summary>
        public ArtifactFile Commit(bool overwrite)
        {
            if (Sha256.Length == 0) Hash();
            File.Move(TempPath, Target, overwrite);
            return new ArtifactFile(Path.GetFileName(Target), Target, Sha256, Bytes);
        }

        public void Dispose()
        {
            if (File.Exists(TempPath)) File.Delete(TempPath);
        }
    }
}
