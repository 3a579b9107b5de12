using System.Data.Common;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Security;

/// <summary>Runs a change and its audit entry in one transaction: both commit, or neither.</summary>
public abstract class AuditedStore(IConnectionFactory factory, IAuditTrail audit)
{
    protected IConnectionFactory Factory => factory;

    protected IAuditTrail Audit => audit;

    protected async Task<T> ChangeAsync<T>(AuditActor actor, Func<DbConnection, DbTransaction, Task<(T Result, AuditEvent? Entry)>> change, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var (result, entry) = await change(connection, tx);
        if (entry is not null) audit.Append(connection, tx, actor, entry);
        await tx.CommitAsync(ct);
        return result;
    }
}
