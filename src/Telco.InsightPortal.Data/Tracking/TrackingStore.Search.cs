using Dapper;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    /// <summary>How many runs' metrics, params, tags and inputs are read per query. Those queries take one parameter per
    /// run id on SQLite, which refuses more than 32,766 in a statement, and a page holds up to
    /// <see cref="MaxResultsLimit"/> runs.</summary>
    internal const int LoadSlice = 1000;

    public Task<RunPage> SearchRunsAsync(IReadOnlyCollection<long> experimentIds, string? filter, ViewType view, int? maxResults,
        IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct = default)
    {
        var clauses = RunFilter.Parse(filter);
        var order = RunFilter.ParseOrderBy(orderBy);
        var limit = Limit(maxResults);
        var offset = PageToken.Decode(pageToken);
        var (sql, parameters) = RunSearchSql.Build(factory.Provider, experimentIds, view, clauses, order, limit + 1, offset);
        return _db.ReadAsync(async c =>
        {
            var infos = (await c.QueryAsync<RunInfo>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();
            var runs = new List<Run>(Math.Min(infos.Count, limit));
            foreach (var slice in infos.Take(limit).Chunk(LoadSlice)) runs.AddRange(await LoadAsync(c, null, slice, ct));
            return new RunPage(runs, NextToken(infos.Count, limit, offset));
        }, ct);
    }
}
