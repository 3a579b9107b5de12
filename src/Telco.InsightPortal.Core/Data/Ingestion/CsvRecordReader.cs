using System.Buffers;
using System.Text;

namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>
/// A strict, streaming RFC 4180 reader: comma-separated, double-quoted fields with "" escapes,
/// CRLF/LF/CR line ends, newlines allowed inside quotes, an optional UTF-8 BOM. Anything else
/// (invalid UTF-8, NUL, a stray quote, an unclosed quote, an over-long field) is a <see cref="CsvFormatException"/>.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"\0");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n\r\0");

    private readonly TextReader _reader;
    private readonly int _maxFieldLength;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private long _line = 1;
    private bool _bomChecked;

    public CsvRecordReader(Stream stream, int maxFieldLength = 1 << 20)
    {
        _reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        _maxFieldLength = maxFieldLength;
    }

    /// <summary>The physical line on which the last record returned by <see cref="Read"/> started.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>; false at the end of the file.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            if (!EnsureData()) return false;
            var c = _buffer[_pos];
            if (c == '\r' || c == '\n') { ConsumeLineEnd(); continue; } // blank lines carry no data
            if (!_bomChecked)
            {
                _bomChecked = true;
                if (c == '\uFEFF') { _pos++; continue; }
            }
            break;
        }
        RecordLine = _line;
        while (true)
        {
            var endOfRecord = ReadField(fields);
            if (endOfRecord) return true;
        }
    }

    private bool ReadField(List<string> fields)
    {
        _field.Clear();
        if (!EnsureData()) { fields.Add(""); return true; }
        if (_buffer[_pos] == '"')
        {
            _pos++;
            return ReadQuoted(fields);
        }
        while (true)
        {
            if (!EnsureData()) { fields.Add(_field.ToString()); return true; }
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = span.IndexOfAny(UnquotedStops);
            var take = stop < 0 ? span.Length : stop;
            Append(span[..take]);
            _pos += take;
            if (stop < 0) continue;
            var c = _buffer[_pos];
            switch (c)
            {
                case ',':
                    _pos++;
                    fields.Add(_field.ToString());
                    return false;
                case '\r' or '\n':
                    fields.Add(_field.ToString());
                    ConsumeLineEnd();
                    return true;
                case '"':
                    throw new CsvFormatException($"Line {_line}: a quote appears inside an unquoted field; quote the whole field and double the quote (\"\").", _line);
                default:
                    throw NulByte();
            }
        }
    }

    private bool ReadQuoted(List<string> fields)
    {
        var startLine = _line;
        while (true)
        {
            if (!EnsureData())
                throw new CsvFormatException($"Line {startLine}: a quoted field is never closed (unbalanced quotes).", startLine);
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = span.IndexOfAny(QuotedStops);
            var take = stop < 0 ? span.Length : stop;
            Append(span[..take]);
            _pos += take;
            if (stop < 0) continue;
            var c = _buffer[_pos++];
            if (c == '\0') throw NulByte();
            if (c == '\n' || c == '\r')
            {
                // RFC 4180 allows line breaks inside quotes; keep them as written except CRLF, normalised to LF.
                if (c == '\r' && EnsureData() && _buffer[_pos] == '\n') _pos++;
                Append("\n");
                _line++;
                continue;
            }
            // c is a quote: either an escaped quote or the end of the field.
            if (EnsureData() && _buffer[_pos] == '"') { _pos++; Append("\""); continue; }
            if (!EnsureData()) { fields.Add(_field.ToString()); return true; }
            var next = _buffer[_pos];
            if (next == ',') { _pos++; fields.Add(_field.ToString()); return false; }
            if (next == '\r' || next == '\n') { fields.Add(_field.ToString()); ConsumeLineEnd(); return true; }
            throw new CsvFormatException($"Line {_line}: unexpected character '{Printable(next)}' after a closing quote.", _line);
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_field.Length + chars.Length > _maxFieldLength)
            throw new CsvFormatException($"Line {_line}: a field is longer than the limit of {_maxFieldLength:N0} characters.", _line);
        _field.Append(chars);
    }

    private void ConsumeLineEnd()
    {
        var c = _buffer[_pos++];
        if (c == '\r' && EnsureData() && _buffer[_pos] == '\n') _pos++;
        _line++;
    }

    private bool EnsureData()
    {
        if (_pos < _len) return true;
        try
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException($"Line {_line}: the file is not valid UTF-8 text. Save it as UTF-8 and upload it again.", _line);
        }
        _pos = 0;
        return _len > 0;
    }

    private CsvFormatException NulByte() =>
        new($"Line {_line}: the file contains a NUL byte; it looks like a binary file, not CSV text.", _line);

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    public void Dispose() => _reader.Dispose();
}
