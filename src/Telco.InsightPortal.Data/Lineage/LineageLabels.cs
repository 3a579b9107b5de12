using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Lineage;

/// <summary>Labels for a set of nodes: one query per node type present, never one per node. A node found here exists.</summary>
internal sealed class LineageLabels(DbConnection c, StoreProvider provider)
{
    public async Task<Dictionary<string, string>> ResolveAsync(IReadOnlyList<LineageNode> nodes, CancellationToken ct)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in nodes.Where(n => !n.Group).GroupBy(n => n.Type))
        {
            var ids = group.Select(n => n.Id).Distinct(StringComparer.Ordinal).ToArray();
            var rows = group.Key switch
            {
                LineageNodeTypes.Dataset => await QueryAsync(LineageLabelSql.Datasets, new { Ids = ids }, ct),
                LineageNodeTypes.Snapshot => await QueryAsync(LineageLabelSql.Snapshots, new { Numbers = Numbers(ids) }, ct),
                LineageNodeTypes.Run => await QueryAsync(LineageLabelSql.Runs, new { Ids = ids }, ct),
                LineageNodeTypes.ModelVersion => await QueryAsync(LineageLabelSql.ModelVersions, new { Names = ModelNames(ids) }, ct),
                LineageNodeTypes.Deployment => await QueryAsync(LineageLabelSql.Deployments, new { Ids = ids }, ct),
                LineageNodeTypes.App => await QueryAsync(LineageLabelSql.Apps, new { Ids = ids }, ct),
                LineageNodeTypes.Dashboard => await QueryAsync(LineageLabelSql.Dashboards, new { Numbers = Numbers(ids) }, ct),
                LineageNodeTypes.JobRun => await QueryAsync(LineageLabelSql.JobRuns, new { Numbers = Numbers(ids) }, ct),
                LineageNodeTypes.Person => await QueryAsync(LineageLabelSql.People, new { Ids = ids }, ct),
                LineageNodeTypes.SourceFile => await QueryAsync(LineageLabelSql.SourceFiles, new { Ids = ids }, ct),
                // A prediction is labelled from its log row; a chart by its tile id, which is all the edges know of it.
                _ => [],
            };
            var wanted = ids.ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => wanted.Contains(r.Id))) labels[LineageIds.Key(group.Key, row.Id)] = row.Label;
        }
        return labels;
    }

    private async Task<IReadOnlyList<LabelRow>> QueryAsync(string sql, object parameters, CancellationToken ct) =>
        (await c.QueryAsync<LabelRow>(new CommandDefinition(ProviderSql.InList(provider, sql), parameters, cancellationToken: ct))).AsList();

    private static long[] Numbers(IEnumerable<string> ids) =>
        [.. ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).OfType<long>()];

    private static string[] ModelNames(IEnumerable<string> ids) =>
        [.. ids.Select(id => id.LastIndexOf('/')).Zip(ids).Where(x => x.First > 0).Select(x => x.Second[..x.First]).Distinct(StringComparer.Ordinal)];
}
