using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>
/// OpenLineage run events in the store's outbox: written by the stores in the transaction of the work they describe (so
/// an event exists exactly when its work committed), read in order of writing.
/// </summary>
public sealed class OpenLineageOutbox(IConnectionFactory factory)
{
    public const int MaxPage = 1000;

    public static Task AddAsync(DbConnection c, DbTransaction tx, OpenLineageRunEvent e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(OpenLineageSql.Insert, Row(e), tx, cancellationToken: ct));

    /// <summary>Work done within one transaction is one OpenLineage run that starts and completes at once: the spec
    /// wants a START before every COMPLETE.</summary>
    public static async Task AddCompletedRunAsync(DbConnection c, DbTransaction tx, string runKey, string job, DateTimeOffset at,
        IReadOnlyList<OpenLineageDataset> inputs, IReadOnlyList<OpenLineageDataset> outputs, CancellationToken ct)
    {
        var runId = OpenLineageRunEvent.RunIdFor(runKey);
        await AddAsync(c, tx, new OpenLineageRunEvent(OpenLineageRunEvent.Start, runId, job, at, inputs, []), ct);
        await AddAsync(c, tx, new OpenLineageRunEvent(OpenLineageRunEvent.Complete, runId, job, at, inputs, outputs), ct);
    }

    /// <summary>For the ingest, which writes synchronously on a thread of its own.</summary>
    public static void Add(DbConnection c, DbTransaction tx, OpenLineageRunEvent e) => c.Execute(OpenLineageSql.Insert, Row(e), tx);

    /// <summary>Events written after <paramref name="after"/> (an event id; 0 for the first), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> ListAsync(long after, int limit, CancellationToken ct = default)
    {
        await using var c = await factory.OpenAsync(ct);
        return (await c.QueryAsync<OutboxEvent>(new CommandDefinition(OpenLineageSql.After,
            new { After = after, Limit = Math.Clamp(limit, 1, MaxPage) }, cancellationToken: ct))).AsList();
    }

    private static object Row(OpenLineageRunEvent e) => new
    {
        EventTime = e.EventTime.ToUnixTimeMilliseconds(), e.EventType, RunId = e.RunId.ToString("D"), e.JobName, Body = e.ToJson(),
    };
}

public sealed record OutboxEvent
{
    public long Id { get; init; }
    public string Body { get; init; } = "";
}
