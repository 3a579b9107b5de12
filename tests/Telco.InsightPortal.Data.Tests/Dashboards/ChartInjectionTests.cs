using System.Text.Json.Nodes;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Dashboards;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>SQL in every string of a spec is data or refused: no query text ever contains it, and the store is whole
/// after every attempt.</summary>
public sealed class ChartInjectionTests
{
    public static readonly string[] Payloads =
    [
        "'; DROP TABLE snapshots; --", "\" OR 1=1 --", ") UNION SELECT name, 1 FROM sqlite_master --", "1; DELETE FROM datasets",
        "x' OR '1'='1", "*/ SELECT 1 /*", "\\'; --", "Contract) OR (1=1", "$1; --", "'||(SELECT current_user)||'", HostileColumn,
    ];

    /// <summary>Each slot writes a payload into one string of the spec.</summary>
    private static readonly (string Slot, Action<JsonObject, string> Set)[] Slots =
    [
        ("source.kind", (s, p) => s["source"]!["kind"] = p),
        ("source.dataset", (s, p) => s["source"]!["dataset"] = p),
        ("source.snapshot", (s, p) => s["source"]!["snapshot"] = p),
        ("type", (s, p) => s["type"] = p),
        ("x.field", (s, p) => s["x"]!["field"] = p),
        ("x.bin.unit", (s, p) => s["x"] = new JsonObject { ["field"] = "signup_at", ["bin"] = new JsonObject { ["unit"] = p } }),
        ("measures[1].field", (s, p) => s["measures"]![1]!["field"] = p),
        ("measures[1].agg", (s, p) => s["measures"]![1]!["agg"] = p),
        ("group", (s, p) => s["group"] = p),
        ("filters[0].field", (s, p) => s["filters"]![0]!["field"] = p),
        ("filters[0].op", (s, p) => s["filters"]![0]!["op"] = p),
        ("filters[0].value", (s, p) => s["filters"]![0]!["value"] = p),
        ("filters[1].values[1]", (s, p) => s["filters"]![1]!["values"]![1] = p),
        ("filters[2].min", (s, p) => s["filters"]![2]!["min"] = p),
        ("sort.by", (s, p) => s["sort"]!["by"] = p),
        ("title", (s, p) => s["title"] = p),
    ];

    private static JsonObject BaseSpec() => JsonNode.Parse(Spec("""
        "type":"bar","x":{"field":"Contract"},"group":"Churn","measures":[{"agg":"count"},{"field":"tenure","agg":"sum"}],
        "filters":[{"field":"Contract","op":"eq","value":"One year"},
                   {"field":"Region'; DROP TABLE snapshots; --","op":"in","values":["north","south"]},
                   {"field":"signup_at","op":"range","min":"2024-01-01T00:00:00Z"}],
        "sort":{"by":"x","desc":true},"title":"Churn by contract"
        """))!.AsObject();

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APayloadInAnyFieldIsDataOrRefusedAndNeverSql(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        var answered = 0;

        foreach (var payload in Payloads)
        foreach (var (slot, set) in Slots)
        {
            var spec = BaseSpec();
            set(spec, payload);
            try
            {
                var result = await s.RunAsync(spec.ToJsonString(), canSeePii: true);
                Assert.NotNull(result.Sql);
                Assert.DoesNotContain(payload, result.Sql);
                answered++;
            }
            catch (PortalException e)
            {
                Assert.True(e is ChartSpecException or { Kind: ErrorKind.NotFound }, $"{slot}: {e.GetType().Name} {e.Message}");
            }
        }

        // The three value slots (eq, in, title) are data for every payload, so at least those are answered; the store is untouched.
        Assert.True(answered >= Payloads.Length * 3, $"only {answered} answered");
        var count = await s.RunAsync(Spec("\"type\":\"kpi\",\"measures\":[{\"agg\":\"count\"}]"));
        Assert.Equal([[6L]], count.Rows);
        Assert.Single(await s.Store.Datasets.SnapshotsAsync((await s.Store.Datasets.GetAsync(ChartStore.Dataset))!.Id));
    }

    /// <summary>When every field name of the schema is itself SQL, every name in the spec is valid, and still only
    /// ordinals reach the query.</summary>
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public void NamesThatAreSqlCompileToOrdinalsOnly(StoreProvider provider)
    {
        var columns = Payloads.Select((p, i) => new DatasetColumn(i, p, i % 2 == 0 ? ColumnType.Text : ColumnType.Real)).ToList();
        var schema = new DatasetSchema(columns);
        var text = Payloads[0];
        var number = Payloads[1];
        var spec = new ChartSpec(new ChartSource("d", 1), ChartType.Bar, new ChartX(number, new ChartBin(5, null)),
            [new ChartMeasure(Aggregation.Sum, number), new ChartMeasure(Aggregation.CountDistinct, text)], Payloads[2],
            [new ChartFilter(text, FilterOp.In, Values: Payloads), new ChartFilter(Payloads[3], FilterOp.Range, Min: 1L, Max: 2.5),
             new ChartFilter(Payloads[4], FilterOp.Eq, Value: Payloads[5]), new ChartFilter(Payloads[6], FilterOp.NotNull)],
            ChartSort.OfField(Payloads[2], true), 10, Payloads[7]);
        var table = spec with { Type = ChartType.Table, X = null, Measures = [], Group = null, Sort = ChartSort.OfField(text) };

        foreach (var s in new[] { spec, table })
        {
            var bound = ChartSpecValidator.Validate(ChartSpecParser.Parse(ChartSpecWriter.Write(s)), schema, canSeePii: true);
            var sql = new ChartSql(new RowTable(1, schema, provider), bound, provider, 1, 100, 1000);

            foreach (var payload in Payloads) Assert.DoesNotContain(payload, sql.Text);
            Assert.Contains(sql.Parameters, p => Equals(p.Value, Payloads[5]));
        }
    }
}
