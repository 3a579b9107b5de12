using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Telco.InsightPortal.Core.Errors;

namespace Telco.InsightPortal.Data.Store;

/// <summary>
/// The one way to begin a write. SQLite lets one writer in at a time and makes the others wait inside
/// <c>busy_timeout</c>, blocking a thread each; so writers of one database file first queue asynchronously at a gate
/// shared by every connection factory of this process, then take the write lock with BEGIN IMMEDIATE (taking it up
/// front avoids the deadlock of two readers that both try to upgrade). PostgreSQL queues writers itself, on row locks.
/// </summary>
public static class StoreTransactions
{
    /// <summary>How long a writer waits for the gate before it is refused; a 1M-row ingest holds it for about 11 s.</summary>
    public static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, WriteGate> Gates = new(StringComparer.Ordinal);

    /// <summary>How many writers of this store are queued at its gate now (0 on PostgreSQL): what an operator (and a
    /// test) can see of writers that wait without holding a thread.</summary>
    public static int WaitingWriters(this IConnectionFactory factory) => GateOf(factory)?.Waiting ?? 0;

    public static async Task<WriteTransaction> BeginWriteAsync(this IConnectionFactory factory, CancellationToken ct = default)
    {
        var gate = GateOf(factory);
        if (gate is not null && !await gate.EnterAsync(ct)) throw Busy();
        try
        {
            var connection = await factory.OpenAsync(ct);
            return new WriteTransaction(connection, await BeginAsync(connection, ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>For the ingest, which streams rows synchronously on a thread of its own.</summary>
    public static WriteTransaction BeginWrite(this IConnectionFactory factory)
    {
        var gate = GateOf(factory);
        if (gate is not null && !gate.Enter()) throw Busy();
        try
        {
            var connection = factory.Open();
            return new WriteTransaction(connection,
                connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction(), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await connection.BeginTransactionAsync(ct);

    private static WriteGate? GateOf(IConnectionFactory factory) =>
        factory is SqliteConnectionFactory sqlite ? Gates.GetOrAdd(sqlite.DatabasePath, _ => new WriteGate()) : null;

    private static PortalException Busy() =>
        new(ErrorKind.Unavailable, $"The store is busy with another write for more than {GateTimeout.TotalSeconds:N0} s; nothing was changed. Try again.");
}
