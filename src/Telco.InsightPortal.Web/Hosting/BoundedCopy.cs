namespace Telco.InsightPortal.Web.Hosting;

/// <summary>Copies an upload's body, never past a size limit: the count is checked before each write, so a body
/// that declares no length, or a false one, is stopped all the same.</summary>
public static class BoundedCopy
{
    public static async Task<long> CopyAsync(Stream source, Stream target, long maxBytes, Func<Exception> tooLarge, IProgress<long>? progress,
        CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += n;
            if (total > maxBytes) throw tooLarge();
            await target.WriteAsync(buffer.AsMemory(0, n), ct);
            progress?.Report(total);
        }
        return total;
    }
}
