using Telco.InsightPortal.Core.Data.Ingestion;

namespace Telco.InsightPortal.Serving.Scoring;

/// <summary><c>text/csv</c> scoring input, as <c>mlflow models predict --content-type csv</c> sends it: a header of
/// column names, then one row per line, read by the portal's strict CSV reader.</summary>
public static class CsvPayload
{
    public static ScoringRows Read(ReadOnlyMemory<byte> body, InputSchema schema, int maxRows)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = new CsvRecordReader(stream, maxFieldLength: 4096);
        var fields = new List<string>();
        try
        {
            if (!reader.Read(fields)) throw new BadRequest("The CSV body is empty: send a header and at least one row.");
            var bound = schema.Bind([.. fields.Select(f => f.Trim())]);
            var width = fields.Count;
            var rows = new List<object?[]>();
            var ids = new RowIds(schema.Ids);
            while (reader.Read(fields))
            {
                if (rows.Count == maxRows) throw new BadRequest($"The batch has more than {maxRows:N0} rows; at most {maxRows:N0} are accepted per request.");
                if (fields.Count != width) throw new BadRequest($"CSV row {rows.Count + 1} has {fields.Count} fields; the header has {width}.");
                var row = new object?[schema.Width];
                for (var i = 0; i < width; i++)
                {
                    if (bound[i] is not { } column) continue;
                    if (InputSchema.IsId(column)) ids.Set(rows.Count, column, RowIds.FromText(column, fields[i], rows.Count + 1));
                    else row[column.Ordinal] = InputSchema.FromText(column, fields[i], rows.Count + 1);
                }
                rows.Add(row);
            }
            if (rows.Count == 0) throw new BadRequest("The batch is empty: the CSV has a header but no rows.");
            return new ScoringRows(rows, ids);
        }
        catch (CsvFormatException e)
        {
            throw new BadRequest($"Malformed CSV: {e.Message}");
        }
    }
}
