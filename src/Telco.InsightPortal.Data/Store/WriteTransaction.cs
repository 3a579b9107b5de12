using System.Data.Common;

namespace Telco.InsightPortal.Data.Store;

/// <summary>A connection with a write transaction open on it; disposing it rolls back what was not committed, closes
/// the connection and lets the next writer through the gate.</summary>
public sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, WriteGate? gate) : IAsyncDisposable, IDisposable
{
    private int _released;

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken ct = default) => Transaction.CommitAsync(ct);

    public void Commit() => Transaction.Commit();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            Release();
        }
    }

    public void Dispose()
    {
        try
        {
            Transaction.Dispose();
            Connection.Dispose();
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) gate?.Release();
    }
}
