using System.Globalization;
using System.Text;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>
/// Stand-in for the generator library being written elsewhere: deterministic rows shaped like the IBM
/// telco churn sample. Row i is a pure function of i, so the CSV stream and the typed baseline see the
/// same values without either holding the data set in memory.
/// </summary>
public static class SyntheticTelcoRows
{
    public static readonly string[] Header =
    [
        "customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "PhoneService", "MultipleLines",
        "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
        "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "MonthlyCharges", "TotalCharges", "Churn",
    ];

    private static readonly string[] Internet = ["DSL", "Fiber optic", "No"];
    private static readonly string[] Contracts = ["Month-to-month", "One year", "Two year"];
    private static readonly string[] Payments = ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"];

    /// <summary>Fills <paramref name="row"/> (schema order) with row <paramref name="i"/>'s typed values.</summary>
    public static void Fill(long i, object?[] row)
    {
        var state = (ulong)i * 0x9E3779B97F4A7C15UL + 0x1234567UL;
        int Pick(int n) => (int)(Next(ref state) % (ulong)n);
        string YesNo() => Pick(2) == 0 ? "Yes" : "No";

        Span<char> letters = stackalloc char[5];
        for (var k = 0; k < letters.Length; k++) letters[k] = (char)('A' + Pick(26));
        row[0] = string.Create(CultureInfo.InvariantCulture, $"{i + 1:D7}-{(ReadOnlySpan<char>)letters}");
        row[1] = Pick(2) == 0 ? "Male" : "Female";
        row[2] = Pick(6) == 0 ? 1L : 0L;
        row[3] = YesNo();
        row[4] = YesNo();
        var tenure = Pick(100) == 0 ? 0 : 1 + Pick(72); // about 1% of customers are new and have no total yet
        row[5] = (long)tenure;
        var phone = Pick(10) != 0;
        row[6] = phone ? "Yes" : "No";
        row[7] = phone ? YesNo() : "No phone service";
        var internet = Internet[Pick(3)];
        row[8] = internet;
        for (var c = 9; c <= 14; c++) row[c] = internet == "No" ? "No internet service" : YesNo();
        var contract = Pick(3);
        row[15] = Contracts[contract];
        row[16] = YesNo();
        row[17] = Payments[Pick(4)];
        var monthly = Math.Round(18.25 + Pick(10_000) / 99.5, 2);
        row[18] = monthly;
        row[19] = tenure == 0 ? null : Math.Round(monthly * tenure * (0.9 + Pick(200) / 1000.0), 2);
        row[20] = Pick(contract == 0 ? 100 : 1000) < 42 ? "Yes" : "No";
    }

    /// <summary>One CSV line for a typed row; a missing TotalCharges is a single space, as in the IBM file.</summary>
    public static void Render(object?[] row, StringBuilder csv)
    {
        for (var c = 0; c < row.Length; c++)
        {
            if (c > 0) csv.Append(',');
            switch (row[c])
            {
                case null: csv.Append(' '); break;
                case double d: csv.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
                case long l: csv.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case string s when s.AsSpan().IndexOfAny(",\"\n") >= 0: csv.Append('"').Append(s.Replace("\"", "\"\"")).Append('"'); break;
                case var v: csv.Append(v); break;
            }
        }
        csv.Append('\n');
    }

    private static ulong Next(ref ulong state) // SplitMix64
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A read-only stream that renders a header and <c>rows</c> synthetic rows as UTF-8 CSV on demand,
/// a few hundred rows at a time, the way an upload arrives.</summary>
public sealed class SyntheticTelcoCsvStream(long rows) : Stream
{
    private const int RowsPerChunk = 256;
    private readonly StringBuilder _text = new();
    private readonly object?[] _row = new object?[SyntheticTelcoRows.Header.Length];
    private byte[] _chunk = [];
    private int _chunkPos;
    private int _chunkLen;
    private long _next = -1; // -1: the header is still to come

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_chunkPos == _chunkLen && !RenderChunk()) return 0;
        var n = Math.Min(buffer.Length, _chunkLen - _chunkPos);
        _chunk.AsSpan(_chunkPos, n).CopyTo(buffer);
        _chunkPos += n;
        return n;
    }

    private bool RenderChunk()
    {
        if (_next >= rows) return false;
        _text.Clear();
        if (_next < 0)
        {
            _text.AppendJoin(',', SyntheticTelcoRows.Header).Append('\n');
            _next = 0;
        }
        for (var end = Math.Min(rows, _next + RowsPerChunk); _next < end; _next++)
        {
            SyntheticTelcoRows.Fill(_next, _row);
            SyntheticTelcoRows.Render(_row, _text);
        }
        var max = Encoding.UTF8.GetMaxByteCount(_text.Length);
        if (_chunk.Length < max) _chunk = new byte[max];
        _chunkLen = 0;
        foreach (var part in _text.GetChunks()) _chunkLen += Encoding.UTF8.GetBytes(part.Span, _chunk.AsSpan(_chunkLen));
        _chunkPos = 0;
        return true;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
