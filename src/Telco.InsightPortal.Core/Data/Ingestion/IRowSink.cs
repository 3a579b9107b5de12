namespace Telco.InsightPortal.Core.Data.Ingestion;

/// <summary>Receives validated rows in schema order. The store's implementation writes them inside the
/// ingest's transaction, so a failed ingest leaves nothing behind.</summary>
public interface IRowSink
{
    void Write(object?[] row);
}
