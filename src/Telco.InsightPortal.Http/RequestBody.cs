using System.Buffers;
using Microsoft.AspNetCore.Http;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Http;

/// <summary>Reads a request body up to a size limit, refusing a larger one with 413 before it is read in full.</summary>
public static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, string? advice = null, CancellationToken ct = default)
    {
        if (request.ContentLength > limit) throw TooLarge(limit, advice);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, ct);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) throw TooLarge(limit, advice);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static PortalException TooLarge(long limit, string? advice) =>
        PortalException.TooLarge($"The body is larger than the {limit:N0}-byte limit{(advice is null ? "" : "; " + advice)}.");
}
