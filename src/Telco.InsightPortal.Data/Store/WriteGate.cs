namespace Telco.InsightPortal.Data.Store;

/// <summary>One writer at a time for one SQLite file, waited for asynchronously.</summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private int _waiting;

    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<bool> EnterAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await _semaphore.WaitAsync(StoreTransactions.GateTimeout, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public bool Enter()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return _semaphore.Wait(StoreTransactions.GateTimeout);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Release() => _semaphore.Release();
}
