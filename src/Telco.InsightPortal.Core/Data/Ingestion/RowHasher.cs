using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>SHA-256 over the typed content of a batch (schema first, then each row's values), so that
/// the same data re-uploaded with other quoting or line ends still hashes the same.</summary>
public sealed class RowHasher : IDisposable
{
    private const byte ValueSeparator = 0x1F;
    private const byte RowSeparator = 0x1E;
    private const byte NullMarker = 0x1D;
    private const int NumberBytes = 32; // the longest invariant long, double ("R") or tick count is 24 bytes
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    // The hash input is gathered here and handed over in large blocks: one AppendData per value cost more
    // (a native call each) than the whole rest of validation. The bytes hashed are the same either way.
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public RowHasher(DatasetSchema schema)
    {
        foreach (var c in schema.Columns) Append($"{c.Name}:{c.Type}");
        Append(RowSeparator);
    }

    public void Add(object?[] row)
    {
        foreach (var value in row)
        {
            switch (value)
            {
                case null: Append(NullMarker); break;
                case string s: Append(s); break;
                case long l: l.TryFormat(Reserve(NumberBytes), out var n, default, CultureInfo.InvariantCulture); _used += n; break;
                case double d: d.TryFormat(Reserve(NumberBytes), out n, "R", CultureInfo.InvariantCulture); _used += n; break;
                case DateTimeOffset t: t.UtcTicks.TryFormat(Reserve(NumberBytes), out n, default, CultureInfo.InvariantCulture); _used += n; break;
                default: throw new ArgumentException($"Unsupported value type {value.GetType().Name}.", nameof(row));
            }
            Append(ValueSeparator);
        }
        Append(RowSeparator);
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private void Append(byte b)
    {
        if (_used == _buffer.Length) Flush();
        _buffer[_used++] = b;
    }

    private void Append(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max <= _buffer.Length)
        {
            var room = Reserve(max); // before reading _used: reserving may flush
            _used += Encoding.UTF8.GetBytes(s, room);
            return;
        }
        Flush();
        _hash.AppendData(Encoding.UTF8.GetBytes(s));
    }

    /// <summary>Room for <paramref name="bytes"/> at the end of the buffer; the caller adds what it wrote to <see cref="_used"/>.</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length) Flush();
        return _buffer.AsSpan(_used, bytes);
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => _hash.Dispose();
}
