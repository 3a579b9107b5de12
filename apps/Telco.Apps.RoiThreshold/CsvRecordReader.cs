namespace Telco.Apps.RoiThreshold;

/// <summary>
/// Reads RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes; \n or \r\n endings) from a
/// <see cref="TextReader"/> into one reusable buffer, so a million-row file allocates no string per field. Every
/// problem is an <see cref="InvalidDataException"/> naming the physical line the record starts on. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxRecordLength)
{
    private readonly char[] _input = new char[1 << 16];
    private int _inputPosition;
    private int _inputLength;
    private readonly char[] _record = new char[maxRecordLength];
    private int _recordLength;
    private int _recordChars;
    private readonly List<(int Start, int Length)> _fields = [];
    private int _line = 1;

    /// <summary>The 1-based physical line the last record read starts on.</summary>
    public int RecordLine { get; private set; }

    public int FieldCount => _fields.Count;

    public ReadOnlySpan<char> Field(int index) => _record.AsSpan(_fields[index].Start, _fields[index].Length);

    public InvalidDataException Error(string message) => new($"Line {RecordLine}: {message}");

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            var c = Peek();
            if (c == -1) return false;
            if (c is not ('\n' or '\r')) break;
            EndLine();
        }
        RecordLine = _line;
        _fields.Clear();
        _recordLength = 0;
        _recordChars = 0;
        while (true)
        {
            var start = _recordLength;
            if (Peek() == '"') ReadQuoted();
            else ReadUnquoted();
            _fields.Add((start, _recordLength - start));
            var c = Peek();
            if (c == ',') { Take(); continue; }
            if (c != -1) EndLine();
            return true;
        }
    }

    private void ReadUnquoted()
    {
        int c;
        while ((c = Peek()) is not (',' or '\n' or '\r' or -1))
        {
            if (c == '"') throw Error("a quote inside an unquoted field; quote the whole field and double the quote.");
            Append((char)Take());
        }
    }

    private void ReadQuoted()
    {
        Take();
        while (true)
        {
            var c = Peek();
            if (c == -1) throw Error("a quoted field is not closed before the end of the file.");
            Take();
            if (c == '"')
            {
                if (Peek() != '"') break;
                Take();
            }
            else if (c == '\n') _line++;
            Append((char)c);
        }
        if (Peek() is not (',' or '\n' or '\r' or -1)) throw Error("a closing quote must end its field.");
    }

    /// <summary>Consumes one line ending (\n, \r\n or a lone \r).</summary>
    private void EndLine()
    {
        if (Next() == '\r' && Peek() == '\n') Next();
        _line++;
    }

    /// <summary>Consumes a character that belongs to the record, enforcing the length limit before the buffer could overflow.</summary>
    private int Take()
    {
        if (++_recordChars > _record.Length)
            throw Error($"the line is longer than {_record.Length:N0} characters.");
        return Next();
    }

    private void Append(char c) => _record[_recordLength++] = c;

    private int Peek()
    {
        if (_inputPosition == _inputLength)
        {
            _inputLength = reader.Read(_input, 0, _input.Length);
            _inputPosition = 0;
            if (_inputLength == 0) return -1;
        }
        return _input[_inputPosition];
    }

    private int Next()
    {
        var c = Peek();
        if (c != -1) _inputPosition++;
        return c;
    }
}
