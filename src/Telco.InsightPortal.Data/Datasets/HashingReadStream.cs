using System.Security.Cryptography;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>
/// Passes a stream through while counting and hashing its bytes, so the file an ingest read is named by its SHA-256
/// and size in lineage without a second pass over it (uploads can be large, and API posts cannot be re-read).
/// </summary>
internal sealed class HashingReadStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _final;

    public long BytesRead { get; private set; }

    /// <summary>The SHA-256 of what was read so far, lowercase hex.</summary>
    public string Sha256() => _final ?? Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct);
        _hash.AppendData(buffer.Span[..n]);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The caller owns the stream it passed in; only the hash is ours. The CSV reader disposes what it reads, before
        // the writer asks for the hash, so the hash is kept.
        if (disposing && _final is null)
        {
            _final = Convert.ToHexStringLower(_hash.GetCurrentHash());
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
