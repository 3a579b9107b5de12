using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>Filters over the audit trail; null means any. Matches are exact, so each can use its index.</summary>
public sealed record AuditQuery
{
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? TargetType { get; init; }
    public string? TargetId { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary>Keyset paging on seq: entries after <see cref="AfterSeq"/> oldest first, or before
/// <see cref="BeforeSeq"/> newest first. Cost does not grow with how deep the page is.</summary>
public sealed record AuditPaging(int Limit, long? AfterSeq = null, long? BeforeSeq = null, bool NewestFirst = false);

/// <summary>Reads the audit trail for the audit page, the API and the CSV export.</summary>
public sealed class AuditLog(IConnectionFactory factory)
{
    public const int MaxPageSize = 500;

    public async Task<IReadOnlyList<AuditEntry>> PageAsync(AuditQuery query, AuditPaging paging, CancellationToken ct = default)
    {
        var limit = Math.Clamp(paging.Limit, 1, MaxPageSize);
        var sql = Build(query, paging) + (paging.NewestFirst ? AuditSql.Descending : AuditSql.Ascending);
        await using var connection = await factory.OpenAsync(ct);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(sql, Parameters(query, paging, limit), cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<AuditEntry?> GetAsync(long seq, CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AuditEntry>(new CommandDefinition(AuditSql.GetEntry, new { Seq = seq }, cancellationToken: ct));
    }

    /// <summary>Every matching entry, oldest first, read as the caller consumes them (the export of a million
    /// entries never holds them all).</summary>
    public async IAsyncEnumerable<AuditEntry> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var sql = Build(query, new AuditPaging(0)) + AuditSql.Unlimited;
        await using var connection = await factory.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<AuditEntry>(sql, Parameters(query, new AuditPaging(0), 0));
        await foreach (var row in rows.WithCancellation(ct)) yield return row;
    }

    private static string Build(AuditQuery q, AuditPaging p)
    {
        var where = new List<string>(8);
        if (q.Actor is not null) where.Add(AuditSql.ByActor);
        if (q.Action is not null) where.Add(AuditSql.ByAction);
        if (q.TargetType is not null) where.Add(AuditSql.ByTargetType);
        if (q.TargetId is not null) where.Add(AuditSql.ByTargetId);
        if (q.Outcome is not null) where.Add(AuditSql.ByOutcome);
        if (q.From is not null) where.Add(AuditSql.ByFrom);
        if (q.To is not null) where.Add(AuditSql.ByTo);
        if (p.AfterSeq is not null) where.Add(AuditSql.AfterSeq);
        if (p.BeforeSeq is not null) where.Add(AuditSql.BeforeSeq);
        var sql = new StringBuilder(AuditSql.SelectEntries);
        if (where.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", where);
        return sql.ToString();
    }

    private static object Parameters(AuditQuery q, AuditPaging p, int limit) => new
    {
        q.Actor, q.Action, q.TargetType, q.TargetId, q.Outcome, q.From, q.To, p.AfterSeq, p.BeforeSeq, Limit = limit,
    };
}
