using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Store;

/// <summary>
/// How every store reads and writes: a read on a connection of its own, a change in one write transaction together
/// with the audit entries that record it — both commit, or neither. Connections live for one operation.
/// </summary>
public sealed class StoreSession(IConnectionFactory factory, IAuditTrail audit)
{
    public StoreProvider Provider => factory.Provider;

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await read(connection);
    }

    /// <summary>Runs <paramref name="change"/>, appends the entries it added to the list, and commits.</summary>
    public async Task<T> WriteAsync<T>(AuditActor? actor, Func<DbConnection, DbTransaction, List<AuditEvent>, Task<T>> change, CancellationToken ct)
    {
        await using var write = await factory.BeginWriteAsync(ct);
        var entries = new List<AuditEvent>();
        var result = await change(write.Connection, write.Transaction, entries);
        foreach (var entry in entries) await audit.AppendAsync(write.Connection, write.Transaction, actor ?? AuditActor.System, entry, ct);
        await write.CommitAsync(ct);
        return result;
    }

    /// <summary>The common case: a change that records at most one entry.</summary>
    public Task<T> WriteAsync<T>(AuditActor? actor, Func<DbConnection, DbTransaction, Task<(T Result, AuditEvent? Entry)>> change, CancellationToken ct) =>
        WriteAsync(actor, async (c, tx, entries) =>
        {
            var (result, entry) = await change(c, tx);
            if (entry is not null) entries.Add(entry);
            return result;
        }, ct);

    /// <summary>A Dapper command in the transaction (or none) with the operation's cancellation token.</summary>
    public static CommandDefinition Command(string sql, object? parameters, DbTransaction? tx, CancellationToken ct) =>
        new(sql, parameters, tx, cancellationToken: ct);

    /// <summary>Dapper expands a list parameter into <c>(@a, @b)</c> for SQLite but sends it whole, as an array, to Npgsql.</summary>
    public string InList(string sql) => ProviderSql.InList(factory.Provider, sql);
}
