using System.Buffers.Binary;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Deployments;

/// <summary>
/// Prediction ids are UUIDv7: their first 48 bits are the Unix milliseconds they were made at, so in big-endian byte
/// order they sort by time. The store keys the log by them — a time window is a key range — and keeps them as 16
/// big-endian bytes on SQLite (a .NET <see cref="Guid"/> bound directly would be stored in its mixed-endian layout,
/// which does not sort by time) and as a native uuid on PostgreSQL (compared byte-wise, so the same holds).
/// </summary>
public static class PredictionIds
{
    private const long MaxMilliseconds = (1L << 48) - 1;

    /// <summary>The milliseconds since the epoch a UUIDv7 was made at.</summary>
    public static long Milliseconds(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
    }

    /// <summary>The smallest id of millisecond <paramref name="milliseconds"/> (clamped to what 48 bits can hold): a
    /// window [from, to) of ids is [Bound(from), Bound(to)).</summary>
    public static Guid Bound(long milliseconds)
    {
        if (milliseconds > MaxMilliseconds) return Guid.AllBitsSet;
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)Math.Max(0, milliseconds) << 16);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id as the provider's column holds it.</summary>
    public static object ToStore(Guid id, StoreProvider provider) => provider == StoreProvider.Sqlite ? id.ToByteArray(bigEndian: true) : id;

    public static Guid FromStore(object value) => value switch
    {
        Guid g => g,
        byte[] { Length: 16 } b => new Guid(b, bigEndian: true),
        _ => throw new InvalidOperationException($"A prediction id in the store is not 16 bytes or a uuid ({value.GetType().Name})."),
    };
}
