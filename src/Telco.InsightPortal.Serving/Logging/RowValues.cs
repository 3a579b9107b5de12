using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// Scored rows' values as the compact JSON arrays the log stores ([value, …] in input-column order; the names live once
/// in the row's layout), back to back in one array per request. The buffer and writer are per thread and reused: this
/// runs for every logged prediction.
/// </summary>
internal static class RowValues
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    public static (byte[] Values, int[] Ends) Encode(IReadOnlyList<DatasetColumn> columns, IReadOnlyList<object?[]> rows)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var json = t_json ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        var ends = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            json.Reset(buffer);
            Write(json, columns, rows[i]);
            json.Flush();
            ends[i] = buffer.WrittenCount;
        }
        var values = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1 << 20) t_buffer = null; // one huge batch must not pin its buffer on this thread for good
        return (values, ends);
    }

    private static void Write(Utf8JsonWriter json, IReadOnlyList<DatasetColumn> columns, object?[] row)
    {
        json.WriteStartArray();
        foreach (var c in columns)
        {
            switch (row[c.Ordinal])
            {
                case null: json.WriteNullValue(); break;
                case long l: json.WriteNumberValue(l); break;
                case double d: json.WriteNumberValue(d); break;
                case string text: json.WriteStringValue(text); break;
                case var v: json.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndArray();
    }
}
