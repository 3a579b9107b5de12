using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Telco.InsightPortal.Core.Audit;

/// <summary>
/// The hash that chains audit entries: SHA-256 over a canonical, unambiguous byte encoding of every
/// field of the entry plus the previous entry's hash, stored as lowercase hex.
/// </summary>
/// <remarks>
/// Encoding (version 1), in this order:
/// <list type="number">
/// <item>the ASCII tag <c>TIP-AUDIT-ENTRY-1</c> (domain separation from checkpoints, and a version);</item>
/// <item><c>seq</c> as a big-endian signed 64-bit integer;</item>
/// <item><c>at</c> as big-endian signed 64-bit microseconds since the Unix epoch, UTC (the store's resolution:
/// times are truncated to whole microseconds before they are hashed or stored);</item>
/// <item>actor, source IP, user agent, action, target type, target id, outcome, details, correlation id: each
/// as one byte 0x00 for null, or 0x01 then its UTF-8 length as a big-endian unsigned 32-bit integer then
/// the UTF-8 bytes. Length prefixes make field boundaries unambiguous and keep null distinct from "";</item>
/// <item>the previous entry's hash as 32 raw bytes (all zeros before entry 1).</item>
/// </list>
/// Details are hashed as the exact stored text, which the store's <c>AuditJson</c> wrote canonically.
/// </remarks>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static ReadOnlySpan<byte> EntryTag => "TIP-AUDIT-ENTRY-1"u8;

    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    public static long UnixMicros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;

    public static string Compute(AuditEntry e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        return Convert.ToHexStringLower(Compute(e, buffer));
    }

    /// <summary>The raw hash, encoding into <paramref name="buffer"/> (cleared first) so a long walk reuses it.</summary>
    public static byte[] Compute(AuditEntry e, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        buffer.Write(EntryTag);
        WriteInt64(buffer, e.Seq);
        WriteInt64(buffer, UnixMicros(e.At));
        WriteText(buffer, e.Actor);
        WriteText(buffer, e.SourceIp);
        WriteText(buffer, e.UserAgent);
        WriteText(buffer, e.Action);
        WriteText(buffer, e.TargetType);
        WriteText(buffer, e.TargetId);
        WriteText(buffer, e.Outcome);
        WriteText(buffer, e.Details);
        WriteText(buffer, e.CorrelationId);
        WriteHash(buffer, e.PrevHash);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    public static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public static void WriteHash(ArrayBufferWriter<byte> buffer, string hex)
    {
        // A stored hash that is not 64 hex digits was tampered with; encoding its text instead keeps it
        // distinct from every well-formed hash, so it can never verify.
        var span = buffer.GetSpan(32);
        if (hex.Length == 64 && Convert.FromHexString(hex, span[..32], out _, out var written) == OperationStatus.Done && written == 32)
        {
            buffer.Advance(32);
            return;
        }
        WriteText(buffer, hex);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.GetSpan(1)[0] = 0;
            buffer.Advance(1);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }
}
