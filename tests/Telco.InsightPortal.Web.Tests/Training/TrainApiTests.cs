using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Training;

public sealed class TrainApiTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private static async Task<(string RunId, Run Run, string Status)> TrainAsync(PortalFactory portal, HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/train", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var status = await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(RunLimit);
        return (runId, await portal.Services.GetRequiredService<TrackingStore>().GetRunAsync(runId), status);
    }

    [Fact]
    public async Task ARunStartedFromTheApiFinishesWithMetricsParamsLineageTagsAndAModelArtifact()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var (runId, run, status) = await TrainAsync(portal, client, new { experiment = "churn", dataset = "telco-churn", label = "Churn", trainer = "logistic", seed = 7 });

        Assert.Equal("FINISHED", status);
        Assert.Equal("FINISHED", run.Info.Status);
        Assert.NotNull(run.Info.EndTime);
        var auc = run.Metrics.Single(m => m.Key == "roc_auc").Value;
        Assert.InRange(auc, 0.6, 1.0);
        Assert.Contains(run.Params, p => p.Key == "trainer" && p.Value == "logistic");
        Assert.Contains(run.Tags, t => t.Key == "dataset" && t.Value == "telco-churn");
        Assert.Contains(run.Tags, t => t.Key == "snapshot_id" && t.Value == "1");
        Assert.True(File.Exists(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, "model.zip")));
    }

    [Fact]
    public async Task AnEnsembleRunRecordsItsCrossValidatedRocAucAsMeanSdAndEachFold()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var (runId, run, status) = await TrainAsync(portal, client, new { dataset = "telco-churn", label = "Churn", trainer = "ensemble" });

        Assert.Equal("FINISHED", status);
        var folds = (await portal.Services.GetRequiredService<TrackingStore>().GetMetricHistoryAsync(runId, "cv_roc_auc", null, null)).Metrics;
        var auc = folds.OrderBy(m => m.Step).Select(m => m.Value).ToArray();
        var mean = auc.Average();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), folds.Select(m => m.Step).Order());
        Assert.Equal(mean, run.Metrics.Single(m => m.Key == "cv_roc_auc_mean").Value, 1e-9);
        Assert.Equal(Math.Sqrt(auc.Sum(a => (a - mean) * (a - mean)) / 9), run.Metrics.Single(m => m.Key == "cv_roc_auc_sd").Value, 1e-9);
        var log = await File.ReadAllTextAsync(Path.Combine(portal.Store.Directory, "artifacts", "runs", runId, "run.log"));
        Assert.Contains($"Cross-validated ROC AUC {mean:F4} ± ", log);
    }

    [Fact]
    public async Task ASweepRecordsEachTrialsValidationMetricByStep()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var (_, run, status) = await TrainAsync(portal, client, new { dataset = "telco-churn", trainer = "sweep", budgetSeconds = 5 });

        Assert.Equal("FINISHED", status);
        var history = await portal.Services.GetRequiredService<TrackingStore>().GetMetricHistoryAsync(run.Info.RunId, "validation_roc_auc", null, null);
        Assert.NotEmpty(history.Metrics);
        Assert.Equal(history.Metrics.Select(m => m.Step).Order(), history.Metrics.Select(m => m.Step));
    }

    [Fact]
    public async Task ALabelThatIsNotBinaryFailsTheRunWithTheReason()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var (_, run, status) = await TrainAsync(portal, client, new { dataset = "telco-churn", label = "Contract" });

        Assert.Equal("FAILED", status);
        Assert.Contains("binary", run.Tags.Single(t => t.Key == "error").Value, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"dataset\":\"nope\"}", "Unknown dataset 'nope'")]
    [InlineData("{\"dataset\":\"telco-churn\",\"label\":\"Weather\"}", "no column 'Weather'")]
    [InlineData("{\"dataset\":\"telco-churn\",\"trainer\":\"xgboost\"}", "Unknown trainer 'xgboost'")]
    [InlineData("{\"dataset\":\"telco-churn\",\"snapshotId\":999}", "no snapshot 999")]
    [InlineData("{\"dataset\":\"telco-churn\",\"trainer\":\"sweep\",\"budgetSeconds\":0}", "budgetSeconds must be")]
    public async Task BadRequestsAreRefusedBeforeAnythingIsQueued(string body, string message)
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);

        var response = await client.PostAsync("/api/v1/train", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AParameterOutsideItsRangeIsRefused()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var client = await portal.ClientForAsync("dora", Roles.DataScientist);
        var name = Ml.Trainers.TrainerCatalog.Get("logistic").Parameters[0].Name;

        var response = await client.PostAsJsonAsync("/api/v1/train", new { dataset = "telco-churn", trainer = "logistic", @params = new Dictionary<string, double> { [name] = -1e9 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(name, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadOnlyRolesCannotStartRuns()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var analyst = await portal.ClientForAsync("arthur", Roles.Analyst);

        var response = await analyst.PostAsJsonAsync("/api/v1/train", new { dataset = "telco-churn" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
