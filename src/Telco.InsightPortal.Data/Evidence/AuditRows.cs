using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Data.Evidence;

/// <summary>Streams audit entries of a <see cref="AuditSql.SelectEntries"/> query, read by position as the chain verifier
/// reads them: a pack reads 100,000s of entries, and mapping each by name (and parsing its time with the general
/// parser) was most of a pack's build time.</summary>
internal static class AuditRows
{
    public static async IAsyncEnumerable<AuditEntry> StreamAsync(DbConnection connection, DbTransaction? tx, string sql, object parameters,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct), CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync(ct)) yield return AuditVerifier.Read(reader);
    }
}
