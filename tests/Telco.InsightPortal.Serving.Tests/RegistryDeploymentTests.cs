using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>The whole path through the real registry: a run the portal's worker trains on the seeded demo data is
/// registered through MLflow's registry API, deployed by version, and scored through its access key.</summary>
public sealed class RegistryDeploymentTests
{
    [Fact]
    public async Task AVersionRegisteredFromATrainedRunIsDeployedAndScores()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var dora = await portal.ClientForAsync("dora", Roles.DataScientist);
        var runId = await portal.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("churn-serving", "telco-churn", null, "Churn", "logistic", null, 42, null, null), new AuditActor("dora"));
        Assert.Equal("FINISHED", await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/registered-models/create", new { name = "churn" })).EnsureSuccessStatusCode();
        (await dora.PostAsJsonAsync("/api/2.0/mlflow/model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId })).EnsureSuccessStatusCode();

        var created = await dora.PostAsJsonAsync("/api/v1/deployments", new { name = "churn-prod", model = "churn", version = "1", enginesPerProcess = 2 });
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("accessKey").GetString();
        var scorer = portal.CreateClient();
        scorer.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var generator = new TelcoChurnGenerator();
        var scored = await scorer.PostAsync("/serving/churn-prod/invocations",
            ServingHost.Json(Payloads.Records("dataframe_records", generator.Schema, generator.Generate(new GeneratorRequest(3, 9)))));
        var missingAlias = await dora.PostAsJsonAsync("/api/v1/deployments", new { name = "churn-champ", model = "churn", alias = "champion", enginesPerProcess = 1 });
        var summary = JsonDocument.Parse(await dora.GetStringAsync("/api/v1/deployments/churn-prod")).RootElement;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        Assert.Equal(3, Payloads.Probabilities(await scored.Content.ReadAsStringAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, missingAlias.StatusCode);
        Assert.Equal(runId, summary.GetProperty("targets")[0].GetProperty("runId").GetString());
    }
}
