using System.Buffers;
using System.IO.Compression;
using System.Text;
using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>Writes the pack's zip, streaming the audit entries into it as they are read: 100,000 entries are never
/// all held at once.</summary>
public static class PackWriter
{
    public static async Task WriteAsync(Stream output, PackDocuments documents, IAsyncEnumerable<AuditEntry> entries, PackCheckpoint checkpoint,
        CheckpointPublicKey key, CancellationToken ct = default)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await AddAsync(zip, PackLayout.Readme, documents.Readme, ct);
        await AddAsync(zip, PackLayout.Document, documents.Json, ct);
        await AddAsync(zip, PackLayout.Html, documents.Html, ct);
        await AddAsync(zip, PackLayout.Manifest, documents.Manifest, ct);
        await AddAsync(zip, PackLayout.Checkpoint, checkpoint.ToBytes(), ct);
        await AddAsync(zip, PackLayout.PublicKey, Encoding.ASCII.GetBytes(key.ToPem() + "\n"), ct);
        await using var stream = await zip.CreateEntry(PackLayout.Entries, CompressionLevel.Fastest).OpenAsync(ct);
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        await using var writer = PackEntries.NewWriter(buffer);
        await foreach (var entry in entries.WithCancellation(ct))
        {
            PackEntries.Write(writer, buffer, entry);
            if (buffer.WrittenCount < 192 * 1024) continue;
            await stream.WriteAsync(buffer.WrittenMemory, ct);
            buffer.ResetWrittenCount();
        }
        await stream.WriteAsync(buffer.WrittenMemory, ct);
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken ct)
    {
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(ct);
        await stream.WriteAsync(bytes, ct);
    }
}
