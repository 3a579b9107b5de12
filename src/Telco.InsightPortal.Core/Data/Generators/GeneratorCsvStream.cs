using System.Buffers;
using System.Globalization;
using System.Text;

namespace Telco.InsightPortal.Core.Data.Generators;

/// <summary>
/// A read-only, forward-only stream of a generator's rows as RFC 4180 CSV in UTF-8 (no BOM, CRLF line ends):
/// the header, then one record per row, rendered only as the reader asks for bytes. Generated batches go
/// through this stream so that they are ingested by exactly the code that ingests uploads.
/// </summary>
/// <remarks>Numbers use the invariant culture, doubles the round-trip format; a null is an empty field;
/// fields containing a comma, a quote, CR or LF are quoted with inner quotes doubled.</remarks>
public sealed class GeneratorCsvStream : Stream
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private readonly IReadOnlyList<DatasetColumn> _columns;
    private readonly IEnumerator<object?[]> _rows;
    private readonly ArrayBufferWriter<byte> _record = new(1024);
    private int _recordOffset;
    private bool _headerWritten;
    private bool _finished;
    private bool _disposed;
    private long _position;

    /// <exception cref="ArgumentOutOfRangeException">The request is invalid (checked at once, not on first read).</exception>
    public GeneratorCsvStream(IDataGenerator generator, GeneratorRequest request)
    {
        _columns = generator.Schema.Columns;
        _rows = generator.Generate(request).GetEnumerator();
    }

    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException("A generated CSV stream has no length until it has been read to the end.");

    /// <summary>The number of bytes read so far; it cannot be set.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A generated CSV stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var copied = 0;
        while (copied < buffer.Length)
        {
            if (_recordOffset == _record.WrittenCount && !RenderNextRecord()) break;
            var pending = _record.WrittenSpan[_recordOffset..];
            var take = Math.Min(pending.Length, buffer.Length - copied);
            pending[..take].CopyTo(buffer[copied..]);
            _recordOffset += take;
            copied += take;
        }
        _position += copied;
        return copied;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(buffer, offset, count));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    private bool RenderNextRecord()
    {
        if (_finished) return false;
        _record.ResetWrittenCount();
        _recordOffset = 0;
        if (!_headerWritten)
        {
            _headerWritten = true;
            for (var i = 0; i < _columns.Count; i++)
            {
                if (i > 0) WriteAscii(",");
                WriteText(_columns[i].Name);
            }
        }
        else if (_rows.MoveNext())
        {
            var row = _rows.Current;
            if (row.Length != _columns.Count)
                throw new InvalidOperationException($"A generated row has {row.Length} values; the schema has {_columns.Count} columns.");
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) WriteAscii(",");
                WriteValue(row[i], i);
            }
        }
        else
        {
            _finished = true;
            return false;
        }
        WriteAscii("\r\n");
        return true;
    }

    private void WriteValue(object? value, int index)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                WriteText(s);
                break;
            case long l:
                WriteFormatted(l, default);
                break;
            case double d:
                WriteFormatted(d, "R");
                break;
            case DateTimeOffset t:
                WriteFormatted(t.ToUniversalTime(), "O");
                break;
            default:
                throw new InvalidOperationException(
                    $"Column '{_columns[index].Name}' holds a {value.GetType().Name}; generators must produce string, long, double, DateTimeOffset or null.");
        }
    }

    private void WriteFormatted<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        // 64 bytes holds any long, round-trip double or ISO 8601 timestamp.
        var span = _record.GetSpan(64);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"Could not format {value} as CSV.");
        _record.Advance(written);
    }

    private void WriteText(string text)
    {
        if (text.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            WriteUtf8(text);
            return;
        }
        WriteAscii("\"");
        WriteUtf8(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        WriteAscii("\"");
    }

    private void WriteUtf8(string text)
    {
        var span = _record.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _record.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void WriteAscii(string text)
    {
        var span = _record.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        _record.Advance(text.Length);
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A generated CSV stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A generated CSV stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A generated CSV stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _rows.Dispose();
        }
        base.Dispose(disposing);
    }
}
