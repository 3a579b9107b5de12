using System.Data.Common;
using System.Globalization;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Data.Datasets;

/// <summary>Reads one typed row (row id first) the same way from both providers.</summary>
internal static class RowReader
{
    public static object?[] Read(DbDataReader reader, DatasetSchema schema)
    {
        var row = new object?[schema.Columns.Count + 1];
        row[0] = reader.GetInt64(0);
        foreach (var c in schema.Columns)
        {
            var i = c.Ordinal + 1;
            if (reader.IsDBNull(i)) continue;
            row[i] = c.Type switch
            {
                ColumnType.Integer => reader.GetInt64(i),
                ColumnType.Real => reader.GetDouble(i),
                ColumnType.Timestamp => Timestamp(reader, i),
                _ => reader.GetString(i),
            };
        }
        return row;
    }

    /// <summary>A TIMESTAMPTZ on PostgreSQL, ISO-8601 text on SQLite.</summary>
    public static DateTimeOffset Timestamp(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var v => DateTimeOffset.Parse((string)v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };
}
