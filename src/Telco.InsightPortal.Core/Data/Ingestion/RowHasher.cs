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
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _scratch = new byte[256];

    public RowHasher(DatasetSchema schema)
    {
        foreach (var c in schema.Columns) Append($"{c.Name}:{c.Type}");
        _hash.AppendData([RowSeparator]);
    }

    public void Add(object?[] row)
    {
        foreach (var value in row)
        {
            switch (value)
            {
                case null: _hash.AppendData([NullMarker]); break;
                case string s: Append(s); break;
                case long l: Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case double d: Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
                case DateTimeOffset t: Append(t.UtcTicks.ToString(CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Unsupported value type {value.GetType().Name}.", nameof(row));
            }
            _hash.AppendData([ValueSeparator]);
        }
        _hash.AppendData([RowSeparator]);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    private void Append(string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (_scratch.Length < max) _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        var n = Encoding.UTF8.GetBytes(s, _scratch);
        _hash.AppendData(_scratch, 0, n);
    }

    public void Dispose() => _hash.Dispose();
}
