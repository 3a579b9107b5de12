using System.Buffers;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary>Reads a request body up to a size limit, refusing larger ones with 413 before they are read in full.</summary>
public static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw TooLarge(limit);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) throw TooLarge(limit);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static BadRequest TooLarge(long limit) =>
        new($"The body is larger than the {limit:N0}-byte limit; send fewer rows per request.", StatusCodes.Status413PayloadTooLarge);
}
