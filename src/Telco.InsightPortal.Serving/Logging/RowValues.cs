using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// A scored row's values as the compact JSON array the log stores ([value, …] in input-column order; the names live
/// once in the row's layout). One buffer and one writer, reused row after row: this runs for every logged prediction,
/// on the writer's thread only.
/// </summary>
internal sealed class RowValues
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    public RowValues() => _json = new Utf8JsonWriter(_buffer);

    public string Json(IReadOnlyList<DatasetColumn> columns, object?[] row)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartArray();
        foreach (var c in columns)
        {
            switch (row[c.Ordinal])
            {
                case null: _json.WriteNullValue(); break;
                case long l: _json.WriteNumberValue(l); break;
                case double d: _json.WriteNumberValue(d); break;
                case string text: _json.WriteStringValue(text); break;
                case var v: _json.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
            }
        }
        _json.WriteEndArray();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
