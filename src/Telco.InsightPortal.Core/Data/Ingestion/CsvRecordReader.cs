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

    private const int ChunkBytes = 1 << 16;

    private readonly Stream _stream;
    private readonly int _maxFieldLength;
    // Decoding here rather than through a StreamReader lets an invalid byte be reported on its own line:
    // a StreamReader fails a whole 64 KB chunk at once, before the parser has counted its lines.
    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private readonly byte[] _bytes = new byte[ChunkBytes];
    private readonly char[] _buffer = new char[ChunkBytes + 4]; // + the up to 3 bytes the decoder carries over
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private long _line = 1;
    private long _quoteStartLine;
    private bool _bomChecked;
    private bool _endOfStream;

    public CsvRecordReader(Stream stream, int maxFieldLength = 1 << 20)
    {
        _stream = stream;
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
        var startLine = _quoteStartLine = _line;
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
                _line++;
                if (c == '\r' && EnsureData() && _buffer[_pos] == '\n') _pos++;
                Append("\n");
                continue;
            }
            // c is a quote: either an escaped quote or the end of the field.
            if (EnsureData() && _buffer[_pos] == '"') { _pos++; Append("\""); continue; }
            _quoteStartLine = 0;
            if (!EnsureData()) { fields.Add(_field.ToString()); return true; }
            var next = _buffer[_pos];
            if (next == ',') { _pos++; fields.Add(_field.ToString()); return false; }
            if (next == '\r' || next == '\n') { fields.Add(_field.ToString()); ConsumeLineEnd(); return true; }
            throw new CsvFormatException($"Line {_line}: unexpected character '{Printable(next)}' after a closing quote.", _line);
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_field.Length + chars.Length <= _maxFieldLength)
        {
            _field.Append(chars);
            return;
        }
        // An unclosed quote swallows the rest of the file until it hits this limit; say where it opened.
        if (_quoteStartLine > 0)
            throw new CsvFormatException($"Line {_quoteStartLine}: a quoted field is longer than the limit of {_maxFieldLength:N0} characters; " +
                "if it should not be, a quote that opens on this line is never closed (unbalanced quotes).", _quoteStartLine);
        throw new CsvFormatException($"Line {_line}: a field is longer than the limit of {_maxFieldLength:N0} characters.", _line);
    }

    private void ConsumeLineEnd()
    {
        var c = _buffer[_pos++];
        _line++; // before reading on, so that a decoding error in the next chunk is reported on the right line
        if (c == '\r' && EnsureData() && _buffer[_pos] == '\n') _pos++;
    }

    private bool EnsureData()
    {
        while (_pos >= _len)
        {
            if (_endOfStream) return false;
            var read = _stream.Read(_bytes, 0, _bytes.Length);
            _endOfStream = read == 0;
            _pos = 0;
            try
            {
                _len = _decoder.GetChars(_bytes, 0, read, _buffer, 0, flush: _endOfStream);
            }
            catch (DecoderFallbackException e)
            {
                throw NotUtf8(read, e);
            }
        }
        return true;
    }

    /// <summary>Every char before this chunk has been parsed, so the bad byte's line is the current line
    /// plus the line breaks in the chunk before it.</summary>
    private CsvFormatException NotUtf8(int read, DecoderFallbackException e)
    {
        var index = Math.Clamp(e.Index, 0, read);
        var line = _line;
        for (var i = 0; i < index; i++)
        {
            if (_bytes[i] == '\n' || _bytes[i] == '\r' && (i + 1 >= read || _bytes[i + 1] != '\n')) line++;
        }
        var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : index < read ? _bytes[index] : (byte)0;
        return new CsvFormatException($"Line {line}: byte 0x{bad:X2} is not valid UTF-8; the file seems to be saved in another " +
            "encoding (such as Latin-1 or Windows-1252). Save it as UTF-8 and upload it again.", line);
    }

    private CsvFormatException NulByte() =>
        new($"Line {_line}: the file contains a NUL byte; it looks like a binary file, not CSV text.", _line);

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    /// <summary>The stream belongs to the caller; the reader holds nothing else to release.</summary>
    public void Dispose() { }
}
