using System.Net;
using System.Text.Json;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Tracking;

public sealed class TrackingApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task MlflowClientSequenceLogsARunThatSearchFinds(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var mlflow = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var experimentId = await mlflow.CreateExperimentAsync("churn-gbm");
        var runId = await mlflow.CreateRunAsync(experimentId, "gbm-1");
        var other = await mlflow.CreateRunAsync(experimentId, "gbm-2");

        await mlflow.OkAsync(mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "learning_rate", value = "0.1" }));
        foreach (var (step, auc) in new[] { (0, 0.71), (1, 0.80), (2, 0.86) })
            await mlflow.OkAsync(mlflow.PostAsync("runs/log-metric", new { run_id = runId, key = "auc", value = auc, timestamp = 1_700_000_000_100 + step, step }));
        await mlflow.OkAsync(mlflow.PostAsync("runs/set-tag", new { run_id = runId, key = "team", value = "retention" }));
        await mlflow.OkAsync(mlflow.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new[] { new { key = "f1", value = 0.64, timestamp = "1700000000200", step = 2 } },
            @params = new[] { new { key = "trees", value = "200" } },
            tags = new[] { new { key = "mlflow.source.type", value = "LOCAL" } },
        }));
        await mlflow.OkAsync(mlflow.PostAsync("runs/log-metric", new { run_id = other, key = "auc", value = 0.5, timestamp = 1, step = 0 }));
        var updated = await mlflow.OkAsync(mlflow.PostAsync("runs/update", new { run_id = runId, status = "FINISHED", end_time = 1_700_000_009_000 }));

        var search = await mlflow.OkAsync(mlflow.PostAsync("runs/search", new
        {
            experiment_ids = new[] { experimentId },
            filter = "metrics.auc > 0.8 and params.learning_rate = '0.1' and tags.team = 'retention' and attributes.status = 'FINISHED'",
            order_by = new[] { "metrics.auc DESC", "attributes.start_time" },
            max_results = 10,
        }));
        var history = await mlflow.OkAsync(mlflow.GetAsync($"metrics/get-history?run_id={runId}&metric_key=auc"));

        Assert.Equal("FINISHED", updated.GetProperty("run_info").GetProperty("status").GetString());
        var run = Assert.Single(search.GetProperty("runs").EnumerateArray());
        var info = run.GetProperty("info");
        Assert.Equal((runId, experimentId, "gbm-1", "FINISHED"), (info.GetProperty("run_id").GetString(), info.GetProperty("experiment_id").GetString(),
            info.GetProperty("run_name").GetString(), info.GetProperty("status").GetString()));
        Assert.Equal((1_700_000_000_000L, 1_700_000_009_000L), (info.GetProperty("start_time").GetInt64(), info.GetProperty("end_time").GetInt64()));
        Assert.Equal("scientist", info.GetProperty("user_id").GetString());
        var data = run.GetProperty("data");
        Assert.Equal(0.86, Pairs(data, "metrics")["auc"].GetDouble());
        Assert.Equal(2, data.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "auc").GetProperty("step").GetInt64());
        Assert.Equal(("0.1", "200"), (Pairs(data, "params")["learning_rate"].GetString(), Pairs(data, "params")["trees"].GetString()));
        Assert.Equal(("retention", "gbm-1"), (Pairs(data, "tags")["team"].GetString(), Pairs(data, "tags")["mlflow.runName"].GetString()));
        Assert.False(search.TryGetProperty("next_page_token", out _));
        Assert.Equal([0L, 1L, 2L], history.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("step").GetInt64()));
        Assert.Equal([0.71, 0.80, 0.86], history.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task ExperimentsReadBackByIdAndNameAndRenameDeleteRestore()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var mlflow = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var id = await mlflow.CreateExperimentAsync("churn");
        await mlflow.OkAsync(mlflow.PostAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "owner", value = "retention" }));

        await mlflow.OkAsync(mlflow.PostAsync("experiments/update", new { experiment_id = id, new_name = "churn-v2" }));
        var byName = await mlflow.OkAsync(mlflow.GetAsync("experiments/get-by-name?experiment_name=churn-v2"));
        await mlflow.OkAsync(mlflow.PostAsync("experiments/delete", new { experiment_id = id }));
        var active = await mlflow.OkAsync(mlflow.PostAsync("experiments/search", new { max_results = 10 }));
        var deleted = await mlflow.OkAsync(mlflow.GetAsync("experiments/search?view_type=DELETED_ONLY"));
        await mlflow.OkAsync(mlflow.PostAsync("experiments/restore", new { experiment_id = id }));
        var restored = await mlflow.OkAsync(mlflow.GetAsync($"experiments/get?experiment_id={id}"));

        var experiment = byName.GetProperty("experiment");
        Assert.Equal((id, "mlflow-artifacts:/" + id), (experiment.GetProperty("experiment_id").GetString(), experiment.GetProperty("artifact_location").GetString()));
        Assert.Equal("retention", Pairs(experiment, "tags")["owner"].GetString());
        Assert.Equal(["Default"], active.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(["churn-v2"], deleted.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("active", restored.GetProperty("experiment").GetProperty("lifecycle_stage").GetString());
    }

    [Fact]
    public async Task ErrorsAnswerWithMlflowCodesAndStatuses()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var mlflow = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var experimentId = await mlflow.CreateExperimentAsync("churn");
        var runId = await mlflow.CreateRunAsync(experimentId, "r1");
        await mlflow.OkAsync(mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "model", value = "rf" }));
        var tooMany = Enumerable.Range(0, 101).Select(i => new { key = $"p{i}", value = "v" }).ToArray();

        var cases = new (Task<HttpResponseMessage> Call, HttpStatusCode Status, string Code, string Says)[]
        {
            (mlflow.GetAsync("runs/get?run_id=0123456789abcdef"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "0123456789abcdef"),
            (mlflow.GetAsync("experiments/get?experiment_id=999"), HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", "999"),
            (mlflow.PostAsync("experiments/create", new { name = "churn" }), HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", "churn"),
            (mlflow.PostAsync("runs/log-parameter", new { run_id = runId, key = "model", value = "gbm" }), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed"),
            (mlflow.PostAsync("runs/log-batch", new { run_id = runId, @params = tooMany }), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "at most 1000 metrics, 100 params"),
            (mlflow.PostRawAsync("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": "), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Malformed JSON"),
            (mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experimentId }, filter = "metrics.auc ~ 1" }), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Invalid filter 'metrics.auc ~ 1' at position 12: operator '~' is not supported"),
            (mlflow.PostAsync("runs/create", new { }), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'experiment_id'"),
            (mlflow.PostAsync("runs/update", new { }), HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'run_id'"),
        };

        foreach (var (call, status, code, says) in cases)
        {
            var response = await call;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, body.GetProperty("error_code").GetString());
            Assert.Contains(says, body.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task BusinessUserIsForbiddenAndAnalystReadsButCannotWrite()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var scientist = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var analyst = new MlflowClient(await portal.ClientForAsync("analyst", Roles.Analyst));
        var business = new MlflowClient(await portal.ClientForAsync("business", Roles.BusinessUser));
        var experimentId = await scientist.CreateExperimentAsync("churn");

        var businessRead = await business.GetAsync($"experiments/get?experiment_id={experimentId}");
        var analystRead = await analyst.GetAsync($"experiments/get?experiment_id={experimentId}");
        var analystWrite = await analyst.PostAsync("runs/create", new { experiment_id = experimentId });

        Assert.Equal(HttpStatusCode.Forbidden, businessRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, analystRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystWrite.StatusCode);
    }

    private static Dictionary<string, JsonElement> Pairs(JsonElement parent, string name) =>
        parent.GetProperty(name).EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!, e => e.GetProperty("value"));
}
