namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>
/// Reads a CSV stream against a schema (given, or inferred from the first rows), validates every row,
/// hashes the good ones and hands them to a sink. It never commits: the caller decides, from the
/// outcome, whether the transaction the sink wrote into is committed or rolled back.
/// </summary>
public sealed class CsvIngestor(IngestLimits limits)
{
    /// <param name="openSink">Called once the schema is known (after inference for a new dataset).</param>
    public IngestOutcome Run(Stream csv, DatasetSchema? schema, OnRowError onError,
        Func<DatasetSchema, IRowSink> openSink, Action<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        using var reader = new CsvRecordReader(csv, limits.MaxFieldLength);
        try
        {
            return Ingest(reader, schema, onError, openSink, progress, ct);
        }
        catch (CsvFormatException e)
        {
            return new IngestOutcome { Schema = schema, FileError = e.Message };
        }
    }

    private IngestOutcome Ingest(CsvRecordReader reader, DatasetSchema? schema, OnRowError onError,
        Func<DatasetSchema, IRowSink> openSink, Action<IngestProgress>? progress, CancellationToken ct)
    {
        var header = new List<string>();
        if (!reader.Read(header))
            return new IngestOutcome { Schema = schema, FileError = "The file is empty: expected a header line and at least one data row." };

        var sample = new List<(string[] Fields, long Line)>();
        if (schema is null)
        {
            HeaderMap.CheckHeader(header, expectedColumns: 0);
            var record = new List<string>();
            while (sample.Count < limits.InferenceSampleRows && reader.Read(record))
            {
                sample.Add((record.ToArray(), reader.RecordLine));
            }
            schema = SchemaInference.Infer(header, sample.Select(s => (IReadOnlyList<string>)s.Fields).ToList());
            var problems = schema.Validate();
            if (problems.Count > 0) throw new CsvFormatException(string.Join(" ", problems), 1);
        }
        var map = HeaderMap.Create(header, schema);
        var state = new RowState(schema, map, limits, onError);
        var sink = openSink(schema);
        using var hasher = new RowHasher(schema);

        foreach (var (sampleFields, line) in sample)
            state.Accept(sampleFields, line, sink, hasher);
        var fields = new List<string>();
        while (reader.Read(fields))
        {
            state.Accept(fields, reader.RecordLine, sink, hasher);
            if ((state.RowsRead & 0x3FFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Invoke(new IngestProgress(state.RowsRead, state.RowsWritten, state.BadRows));
            }
        }
        progress?.Invoke(new IngestProgress(state.RowsRead, state.RowsWritten, state.BadRows));

        string? fileError = null;
        var first = state.Errors.Count > 0 ? $" The first: {state.Errors[0].Describe()}" : "";
        if (state.RowsRead == 0) fileError = "The file has a header but no data rows.";
        // Counted from the bad rows, not the written ones: a rejecting ingest stops writing at the first bad row.
        else if (state.BadRows == state.RowsRead) fileError = $"None of the {state.RowsRead:N0} rows is valid; nothing was committed.{first}";
        else if (onError == OnRowError.Reject && state.BadRows > 0)
            fileError = $"{state.BadRows:N0} of {state.RowsRead:N0} rows have errors, so nothing was committed; fix them, or choose to skip bad rows.{first}";
        return new IngestOutcome
        {
            Schema = schema,
            RowsRead = state.RowsRead,
            RowsWritten = state.RowsWritten,
            BadRows = state.BadRows,
            Errors = state.Errors,
            ContentHash = hasher.Finish(),
            FileError = fileError,
        };
    }

    /// <summary>Per-row validation state: the error report and the counts.</summary>
    private sealed class RowState(DatasetSchema schema, HeaderMap map, IngestLimits limits, OnRowError onError)
    {
        private readonly object?[] _row = new object?[schema.Columns.Count];
        public readonly List<RowError> Errors = [];
        public long RowsRead;
        public long RowsWritten;
        public long BadRows;

        public void Accept(IReadOnlyList<string> fields, long line, IRowSink sink, RowHasher hasher)
        {
            RowsRead++;
            if (fields.Count != map.FileColumnCount)
            {
                Bad(new RowError(RowsRead, line, null, null, $"has {fields.Count} fields; expected {map.FileColumnCount}"));
                return;
            }
            var ok = true;
            foreach (var column in schema.Columns)
            {
                var text = fields[map.SchemaToFile[column.Ordinal]];
                var reason = ValueParser.TryParse(column, text, limits, out _row[column.Ordinal]);
                if (reason is null) continue;
                if (ok) BadRows++;
                ok = false;
                Report(new RowError(RowsRead, line, column.Name, HeaderMap.Shorten(text), reason));
            }
            // Once a rejecting ingest has failed, rows still get validated (for the report) but not written.
            if (!ok || onError == OnRowError.Reject && BadRows > 0) return;
            hasher.Add(_row);
            sink.Write(_row);
            RowsWritten++;
        }

        private void Bad(RowError error)
        {
            BadRows++;
            Report(error);
        }

        private void Report(RowError error)
        {
            if (Errors.Count < limits.MaxReportedErrors) Errors.Add(error);
        }
    }
}
