namespace Telco.InsightPortal.Core.Evidence;

/// <summary>Reads newline-terminated lines from a stream into one reused buffer. A last line without its newline is
/// an error: the portal ends every line, so a missing one means the file was cut or edited.</summary>
internal sealed class LineReader(Stream stream)
{
    /// <summary>An audit entry is a few KiB at most (clipped fields); a longer "line" is not one.</summary>
    public const int MaxLine = 4 * 1024 * 1024;

    private byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, scanned + newline);
                _start += scanned + newline + 1;
                return true;
            }
            scanned = _end - _start;
            if (_eof)
            {
                if (scanned > 0) throw new FormatException("the last line has no newline (the file was cut or edited)");
                line = default;
                return false;
            }
            if (scanned >= MaxLine) throw new FormatException($"a line is longer than {MaxLine} bytes");
            if (_start > 0)
            {
                _buffer.AsSpan(_start, scanned).CopyTo(_buffer);
                (_start, _end) = (0, scanned);
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            _end += read;
        }
    }
}
