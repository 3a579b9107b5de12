using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Tracking;

public sealed class RunInputsApiTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task LoggedInputsComeBackFromGetAndSearchAsMlflowShapesThem(StoreProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var mlflow = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var experimentId = await mlflow.CreateExperimentAsync("inputs");
        var runId = await mlflow.CreateRunAsync(experimentId, "with-data");

        // The request body of MLflow's REST reference for runs/log-inputs.
        await mlflow.OkAsync(mlflow.PostRawAsync("runs/log-inputs", $$$"""
            {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
             "dataset": {"name": "telco-churn", "digest": "2d4e1a9b", "source_type": "local", "source": "{\"uri\": \"/data/churn.csv\"}",
                         "schema": "{\"mlflow_colspec\": [{\"type\": \"long\", \"name\": \"tenure\"}]}", "profile": "{\"num_rows\": 7043}"}}]}
            """));
        var get = await mlflow.OkAsync(mlflow.GetAsync($"runs/get?run_id={runId}"));
        var search = await mlflow.OkAsync(mlflow.PostAsync("runs/search", new { experiment_ids = new[] { experimentId } }));
        var bare = await mlflow.OkAsync(mlflow.GetAsync($"runs/get?run_id={await mlflow.CreateRunAsync(experimentId, "no-data")}"));

        foreach (var run in new[] { get.GetProperty("run"), search.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("info").GetProperty("run_id").GetString() == runId) })
        {
            var input = Assert.Single(run.GetProperty("inputs").GetProperty("dataset_inputs").EnumerateArray());
            var tag = Assert.Single(input.GetProperty("tags").EnumerateArray());
            Assert.Equal(("mlflow.data.context", "training"), (tag.GetProperty("key").GetString(), tag.GetProperty("value").GetString()));
            var dataset = input.GetProperty("dataset");
            Assert.Equal(("telco-churn", "2d4e1a9b", "local", "{\"uri\": \"/data/churn.csv\"}"), (dataset.GetProperty("name").GetString(),
                dataset.GetProperty("digest").GetString(), dataset.GetProperty("source_type").GetString(), dataset.GetProperty("source").GetString()));
            Assert.Equal("{\"num_rows\": 7043}", dataset.GetProperty("profile").GetString());
        }
        Assert.Equal(JsonValueKind.Object, bare.GetProperty("run").GetProperty("inputs").ValueKind);
        Assert.False(bare.GetProperty("run").GetProperty("inputs").TryGetProperty("dataset_inputs", out _));
    }

    [Theory]
    [InlineData("""{"run_id": "RUN", "datasets": [{"tags": []}]}""", "'datasets[0].dataset'")]
    [InlineData("""{"run_id": "RUN", "datasets": [{"dataset": {"name": "d", "digest": "1", "source_type": "local"}}]}""", "'datasets[0].dataset.source'")]
    [InlineData("""{"datasets": []}""", "'run_id'")]
    [InlineData("""{"run_id": "RUN", "datasets": [{"tags": [{"key": "k"}], "dataset": {"name": "d", "digest": "1", "source_type": "local", "source": "s"}}]}""", "'tags.value'")]
    public async Task IncompleteLogInputsIsRejectedByField(string body, string field)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var mlflow = new MlflowClient(await portal.ClientForAsync("scientist", Roles.DataScientist));
        var runId = await mlflow.CreateRunAsync(await mlflow.CreateExperimentAsync("inputs"), "r");

        var response = await mlflow.PostRawAsync("runs/log-inputs", body.Replace("RUN", runId));

        var error = await ArtifactClient.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains(field, error.GetProperty("message").GetString());
    }

    /// <summary>A run of the embedded trainer, seen by an MLflow client: its snapshot as input, its artifacts listed and
    /// downloadable with the hashes it recorded, and what the trainer wrote never overwritten.</summary>
    [Fact]
    public async Task ATrainedRunLogsItsSnapshotAndGuardsItsArtifacts()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var http = await portal.ClientForAsync("scientist", Roles.DataScientist);
        var mlflow = new MlflowClient(http);
        var artifacts = new ArtifactClient(portal, http);
        var submitted = await http.PostAsJsonAsync("/api/v1/train", new { experiment = "churn", dataset = "telco-churn", label = "Churn", trainer = "logistic", seed = 7 });
        var runId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        var datasets = portal.Services.GetRequiredService<DatasetStore>();
        var snapshot = (await datasets.SnapshotAsync((await datasets.GetAsync("telco-churn"))!.Id, 1))!;
        var prefix = await PrefixAsync(mlflow, runId);
        // A run the trainer has not finished (as the worker leaves it while training): its folder is the trainer's.
        var training = await portal.Services.GetRequiredService<TrackingStore>().CreateRunAsync(0, "scientist", "training", null,
            [new(TrainingQueue.RunnerTag, TrainingQueue.EmbeddedRunner)], AuditActor.System);

        var run = (await mlflow.OkAsync(mlflow.GetAsync($"runs/get?run_id={runId}"))).GetProperty("run");
        var listing = await ArtifactClient.JsonAsync(await artifacts.ListAsync(runId), HttpStatusCode.OK);
        var model = await artifacts.GetArtifactAsync(runId, "model.zip");
        var overwrite = await artifacts.PutTextAsync(prefix + "/model.zip", "not a model");
        var note = await artifacts.PutTextAsync(prefix + "/notes/review.md", "looks fine");
        var whileTraining = await artifacts.PutTextAsync(await PrefixAsync(mlflow, training.Info.RunId) + "/early.txt", "x");

        var dataset = Assert.Single(run.GetProperty("inputs").GetProperty("dataset_inputs").EnumerateArray()).GetProperty("dataset");
        Assert.Equal(("telco-churn", snapshot.ContentHash, "portal-snapshot", "portal-snapshot://telco-churn/1"), (dataset.GetProperty("name").GetString(),
            dataset.GetProperty("digest").GetString(), dataset.GetProperty("source_type").GetString(), dataset.GetProperty("source").GetString()));
        Assert.Contains("model.zip", listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var recorded = run.GetProperty("data").GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "artifact.model.zip.sha256");
        Assert.Equal(recorded.GetProperty("value").GetString(), Convert.ToHexStringLower(SHA256.HashData(await model.Content.ReadAsByteArrayAsync())));
        Assert.Equal("application/zip", model.Content.Headers.ContentType!.MediaType);
        var early = await ArtifactClient.JsonAsync(whileTraining, HttpStatusCode.BadRequest);
        Assert.Contains("is being trained by the portal", early.GetProperty("message").GetString());
        var refused = await ArtifactClient.JsonAsync(overwrite, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_STATE", refused.GetProperty("error_code").GetString());
        Assert.Contains("never overwritten", refused.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(recorded.GetProperty("value").GetString(),
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, "model.zip")))));
    }

    private static async Task<string> PrefixAsync(MlflowClient mlflow, string runId) =>
        (await mlflow.OkAsync(mlflow.GetAsync($"runs/get?run_id={runId}"))).GetProperty("run").GetProperty("info").GetProperty("artifact_uri").GetString()!["mlflow-artifacts:/".Length..];
}
