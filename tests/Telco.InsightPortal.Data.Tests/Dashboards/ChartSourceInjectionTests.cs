using System.Text.Json;
using System.Text.Json.Nodes;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using static Telco.InsightPortal.Data.Tests.Dashboards.ChartSourceStore;

namespace Telco.InsightPortal.Data.Tests.Dashboards;

/// <summary>SQL in a deployment or experiment name, in a logged input's name or in a metric or param key is data: it
/// finds its row or nothing, and never reaches a query's text.</summary>
public sealed class ChartSourceInjectionTests
{
    private static readonly string[] Payloads = ChartInjectionTests.Payloads;

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AHostileDeploymentOrExperimentNameFindsNothing(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);

        foreach (var payload in Payloads)
        {
            var log = new JsonObject { ["version"] = 1, ["source"] = new JsonObject { ["kind"] = "predictions", ["deployment"] = payload }, ["type"] = "kpi" };
            var runs = new JsonObject { ["version"] = 1, ["source"] = new JsonObject { ["kind"] = "runs", ["experiment"] = payload }, ["type"] = "kpi" };

            Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<PortalException>(() => s.RunAsync(log.ToJsonString()))).Kind);
            Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<PortalException>(() => s.RunAsync(runs.ToJsonString()))).Kind);
        }

        Assert.Equal([[5L]], (await s.RunAsync(OverLog("""  "type":"kpi" """))).Rows);
        Assert.Equal([[3L]], (await s.RunAsync(OverRuns("""  "type":"kpi" """))).Rows);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task InputsAndKeysNamedWithSqlAreReadByIndexAndParameterOnly(StoreProvider provider)
    {
        await using var s = await CreateAsync(provider);
        var values = Payloads.Select((_, i) => (long)i).ToArray();
        await s.Deployments.WritePredictionsAsync(
            [s.Row("churn/3", JsonSerializer.Serialize(Payloads), 0, JsonSerializer.Serialize(values), 0.5f, 1, null)], []);
        var run = (await s.Tracking.CreateRunAsync(await ExperimentIdAsync(s), "dora", "hostile", null, [], new AuditActor("dora"))).Info.RunId;
        await s.Tracking.LogMetricAsync(run, new TrackingMetric(Payloads[0], 7, 0, 0));
        await s.Tracking.LogParamAsync(run, new TrackingParam(Payloads[1], Payloads[2]));

        for (var i = 0; i < Payloads.Length; i++)
        {
            // eq, not sum: one payload is also a text column of the training dataset, so that input is typed text.
            var spec = JsonNode.Parse(OverLog("""  "type":"kpi" """))!.AsObject();
            spec["filters"] = new JsonArray(new JsonObject { ["field"] = Payloads[i], ["op"] = "eq", ["value"] = i });

            var result = await s.RunAsync(spec.ToJsonString(), canSeePii: true);

            Assert.Equal([[1L]], result.Rows);
            Assert.NotNull(result.Sql);
            foreach (var payload in Payloads) Assert.DoesNotContain(payload, result.Sql);
        }
        var keys = JsonNode.Parse(OverRuns("""  "type":"table" """))!.AsObject();
        keys["filters"] = new JsonArray(new JsonObject { ["field"] = "metrics." + Payloads[0], ["op"] = "eq", ["value"] = 7 });
        var table = await s.RunAsync(keys.ToJsonString());

        var param = table.Columns.Select(c => c.Name).ToList().IndexOf("params." + Payloads[1]);
        Assert.Equal(Payloads[2], Assert.Single(table.Rows)[param]);
        foreach (var payload in Payloads) Assert.DoesNotContain(payload, table.Sql);
    }

    private static async Task<long> ExperimentIdAsync(ChartSourceStore s) => (await s.Tracking.GetExperimentByNameAsync(ChartSourceStore.Experiment)).ExperimentId;
}
