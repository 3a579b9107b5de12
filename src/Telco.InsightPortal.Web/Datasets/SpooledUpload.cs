using Telco.InsightPortal.Web.Hosting;

namespace Telco.InsightPortal.Web.Datasets;

/// <summary>An upload written to a private temp file, so that the ingest reads a local file at its own
/// pace and the size limit is enforced before anything reaches the store. Deleted on dispose.</summary>
public sealed class SpooledUpload : IAsyncDisposable
{
    private SpooledUpload(string path, long bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    public string Path { get; }

    public long Bytes { get; }

    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public static async Task<SpooledUpload> WriteAsync(Stream source, string folder, long maxBytes, IProgress<long>? progress, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv.part");
        long total;
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                total = await BoundedCopy.CopyAsync(source, target, maxBytes, () => new UploadTooLargeException(maxBytes), progress, ct);
            return new SpooledUpload(path, total);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

public sealed class UploadTooLargeException(long maxBytes)
    : Core.Errors.PortalException(Core.Errors.ErrorKind.TooLarge, $"The file is larger than the upload limit of {maxBytes / (1024.0 * 1024):N1} MB (Portal:Upload:MaxBytes); nothing was committed.")
{
    public long MaxBytes { get; } = maxBytes;
}
