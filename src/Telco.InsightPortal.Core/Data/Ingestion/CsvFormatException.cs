namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>A problem with the file as a whole (encoding, quoting, size): nothing after it can be trusted,
/// so the ingest stops and commits nothing.</summary>
public sealed class CsvFormatException(string message, long line) : Exception(message)
{
    public long Line { get; } = line;
}
