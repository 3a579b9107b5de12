using Dapper;

namespace Telco.InsightPortal.Data.Tracking;

public sealed partial class TrackingStore
{
    public Task<RunPage> SearchRunsAsync(IReadOnlyCollection<long> experimentIds, string? filter, ViewType view, int? maxResults,
        IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct = default)
    {
        var clauses = RunFilter.Parse(filter);
        var order = RunFilter.ParseOrderBy(orderBy);
        var limit = Limit(maxResults);
        var offset = PageToken.Decode(pageToken);
        var (sql, parameters) = RunSearchSql.Build(experimentIds, view, clauses, order, limit + 1, offset);
        return _db.ReadAsync(async c =>
        {
            var infos = (await c.QueryAsync<RunInfo>(new CommandDefinition(_db.InList(sql), parameters, cancellationToken: ct))).ToList();
            var runs = await LoadAsync(c, null, infos.Take(limit).ToList(), ct);
            return new RunPage(runs, NextToken(infos.Count, limit, offset));
        }, ct);
    }
}
