using Dapper;
using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Filters;
using Telco.InsightPortal.Data.Tracking;

using static Telco.InsightPortal.Data.Store.StoreSession;

namespace Telco.InsightPortal.Data.Registry;

public sealed partial class RegistryStore
{
    public const int ModelSearchDefault = 100;
    public const int ModelSearchMax = 1000;
    public const int VersionSearchDefault = 10000;
    public const int VersionSearchMax = 200000;

    private static readonly Dictionary<string, string> ModelColumnsByName = new() { ["name"] = "m.name" };
    private static readonly Dictionary<string, string> VersionColumnsByName = new() { ["name"] = "m.name", ["run_id"] = "v.run_id", ["source"] = "v.source" };

    private static readonly Dictionary<string, string> ModelOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "m.name", ["timestamp"] = "m.creation_time", ["creation_timestamp"] = "m.creation_time",
        ["last_updated_timestamp"] = "m.last_updated_time",
    };
    private static readonly Dictionary<string, string> VersionOrder = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "m.name", ["version_number"] = "v.version", ["creation_timestamp"] = "v.creation_time", ["timestamp"] = "v.creation_time",
        ["last_updated_timestamp"] = "v.last_updated_time", ["run_id"] = "v.run_id",
    };

    // Registry order_by names bare columns only; an unknown name is refused with the list of known ones.
    private static readonly FilterGrammar OrderGrammar = new([], bareKeys: true, "a column name");

    private const string ModelTagExists = "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.model_id = m.model_id AND t.key = {0} AND {1})";
    private const string VersionTagExists = "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.model_id = v.model_id AND t.version = v.version AND t.key = {0} AND {1})";

    public Task<ModelPage> SearchModelsAsync(string? filter, int? maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct = default)
    {
        var limit = Limit(maxResults, ModelSearchDefault, ModelSearchMax);
        var offset = PageToken.Decode(pageToken);
        var where = RegistryFilter.Parse(filter, ModelColumnsByName, ModelTagExists);
        var sql = "SELECT " + RegistrySql.ModelColumns + " FROM registered_models m" + where.Where
                  + OrderBy(orderBy, ModelOrder, "m.name ASC") + " LIMIT @Limit OFFSET @Offset";
        where.Parameters.Add("Limit", limit + 1);
        where.Parameters.Add("Offset", offset);
        return _db.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<RegisteredModel>(Command(sql, where.Parameters, null, ct))).ToList();
            var page = await DecorateAsync(c, null, rows.Take(limit).ToList(), ct);
            return new ModelPage(page, rows.Count > limit ? PageToken.Encode(offset + limit) : null);
        }, ct);
    }

    public Task<ModelVersionPage> SearchVersionsAsync(string? filter, int? maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct = default)
    {
        var limit = Limit(maxResults, VersionSearchDefault, VersionSearchMax);
        var offset = PageToken.Decode(pageToken);
        var where = RegistryFilter.Parse(filter, VersionColumnsByName, VersionTagExists);
        var sql = "SELECT " + RegistrySql.VersionColumns + RegistrySql.VersionsFrom + where.Where
                  + OrderBy(orderBy, VersionOrder, "m.name ASC, v.version DESC") + " LIMIT @Limit OFFSET @Offset";
        where.Parameters.Add("Limit", limit + 1);
        where.Parameters.Add("Offset", offset);
        return _db.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<ModelVersion>(Command(sql, where.Parameters, null, ct))).ToList();
            var page = await DecorateAsync(c, null, rows.Take(limit).ToList(), ct);
            return new ModelVersionPage(page, rows.Count > limit ? PageToken.Encode(offset + limit) : null);
        }, ct);
    }

    private static int Limit(int? maxResults, int defaultLimit, int max)
    {
        var limit = maxResults ?? defaultLimit;
        if (limit < 1 || limit > max) throw TrackingException.Invalid($"max_results must be between 1 and {max}; got {limit}.");
        return limit;
    }

    /// <summary>"name", "name DESC", "last_updated_timestamp ASC": columns from the whitelist only, then a unique tie-break.</summary>
    private static string OrderBy(IReadOnlyList<string>? orderBy, IReadOnlyDictionary<string, string> columns, string fallback)
    {
        if (orderBy is null || orderBy.Count == 0) return " ORDER BY " + fallback;
        var terms = ParseRefusal.AsInvalidParameter(() => FilterParser.ParseOrderBy(orderBy, OrderGrammar).Select((order, i) =>
            order.Key.Prefix is null && columns.TryGetValue(order.Key.Name, out var column)
                ? column + (order.Ascending ? " ASC" : " DESC")
                : throw ParseException.Of(ParserLimits.OrderBy, orderBy[i], $"use one of {string.Join(", ", columns.Keys)}, optionally with ASC or DESC")).ToList());
        return " ORDER BY " + string.Join(", ", terms) + ", " + fallback;
    }
}
