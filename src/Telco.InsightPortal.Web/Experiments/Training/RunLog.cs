using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telco.InsightPortal.Web.Experiments.Training;

/// <summary>
/// Each embedded run's log: <c>run.log</c> in the run's artifact folder, one UTC-timestamped line per event,
/// appended and flushed as it happens so the run page can tail it while the run trains. Writing the log never
/// fails a run: an I/O error is logged and the line is dropped.
/// </summary>
public sealed class RunLog(RunArtifacts artifacts, RunProgress progress, TimeProvider clock, ILogger<RunLog> log)
{
    public const string FileName = "run.log";
    public const string HashTag = "artifact." + FileName + ".sha256";
    public const int TailBytes = 64 * 1024;

    private readonly Lock _gate = new();

    public void Append(string runId, string message)
    {
        if (artifacts.DirectoryOf(runId) is not { } directory) return;
        // One event, one line: a message with line breaks (an exception's) must not forge further entries.
        var line = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " "
                   + message.ReplaceLineEndings(" ") + "\n";
        try
        {
            lock (_gate)
            {
                Directory.CreateDirectory(directory);
                using var stream = new FileStream(Path.Combine(directory, FileName), FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write(Encoding.UTF8.GetBytes(line));
                stream.Flush();
            }
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Could not write to the log of run {RunId}.", runId);
            return;
        }
        progress.Logged(runId);
    }

    /// <summary>The end of the log (whole lines, at most <see cref="TailBytes"/>), or null when the run has none.</summary>
    public async Task<string?> TailAsync(string runId, CancellationToken ct = default)
    {
        if (artifacts.DirectoryOf(runId) is not { } directory) return null;
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var start = Math.Max(0, stream.Length - TailBytes);
        stream.Seek(start, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (start > 0 && text.IndexOf('\n') is var cut and >= 0) text = text[(cut + 1)..];
        return text;
    }

    /// <summary>The SHA-256 of the finished log, recorded like the trainer's artifacts so the file can be checked.</summary>
    public string? Sha256(string runId)
    {
        if (artifacts.DirectoryOf(runId) is not { } directory) return null;
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        lock (_gate)
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
    }
}
