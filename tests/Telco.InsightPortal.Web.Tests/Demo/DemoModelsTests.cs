using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Demo;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Demo;

/// <summary>First run: the portal trains, registers and deploys the demo models in the background, once.</summary>
public sealed class DemoModelsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly Dictionary<string, string?> DemoModelsOn = new() { ["Portal:Demo:Models"] = "true" };

    [Fact]
    public async Task FirstStartDeploysBothDemoModelsAndASecondStartDoesNothingNew()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: DemoModelsOn);
        var outcomes = await Outcomes(portal);
        var telco = await ScoreAsync(portal, "telco-churn", new TelcoChurnGenerator());
        var towers = await ScoreAsync(portal, "cell-tower-failure", new CellTowerGenerator());
        var runs = await DemoRunCount(portal);
        var version = await portal.Services.GetRequiredService<RegistryStore>().GetVersionByAliasAsync("telco-churn", ModelAliases.Challenger);

        await using var restarted = portal.SecondInstance();
        var again = await Outcomes(restarted);

        Assert.All(outcomes, o => Assert.Equal(DemoModelStatus.Deployed, o.Status));
        Assert.Equal(["cell-tower-failure", "telco-churn"], outcomes.Select(o => o.Model).Order());
        Assert.Equal(HttpStatusCode.OK, telco.Status);
        Assert.Equal(HttpStatusCode.OK, towers.Status);
        Assert.Equal(4, Probabilities(telco.Body).Length);
        Assert.All(Probabilities(towers.Body), p => Assert.InRange(p, 0, 1));
        Assert.Equal(2, runs);
        Assert.Equal("system", version.CreatedBy);
        Assert.Equal(ModelStages.None, version.CurrentStage);
        Assert.All(again, o => Assert.Equal(DemoModelStatus.AlreadyDeployed, o.Status));
        Assert.Equal(2, await DemoRunCount(restarted));
        Assert.Single(await restarted.Services.GetRequiredService<RegistryStore>().ListVersionsAsync("telco-churn"));
    }

    [Fact]
    public async Task MissingDatasetsAreReportedAndThePortalKeepsServing()
    {
        // No demo data, demo models asked for: both datasets are missing.
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>(DemoModelsOn) { ["Portal:Demo:Enabled"] = "false" });
        var outcomes = await Outcomes(portal);
        var admin = await portal.ClientForAsync("demo-admin", Roles.Admin);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?targetId=telco-churn&limit=10");
        var deployments = await admin.GetAsync("/api/v1/deployments/telco-churn");

        Assert.All(outcomes, o => Assert.Equal(DemoModelStatus.Failed, o.Status));
        Assert.Contains("Unknown dataset 'telco-churn'", outcomes.Single(o => o.Model == "telco-churn").Error);
        Assert.Contains("Unknown dataset 'cell-towers'", outcomes.Single(o => o.Model == "cell-tower-failure").Error);
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Equal("demo.model.deploy", entry.GetProperty("action").GetString());
        Assert.Equal(AuditOutcomes.Failure, entry.GetProperty("outcome").GetString());
        Assert.Equal("system", entry.GetProperty("actor").GetString());
        Assert.Equal(HttpStatusCode.NotFound, deployments.StatusCode);
    }

    [Fact]
    public async Task ATrainingRunThatFailsIsAFailedRunWithItsErrorAndTheOtherModelStillDeploys()
    {
        // The demo data is seeded, then cell-towers is replaced by a snapshot where no tower fails: a model needs both outcomes.
        await using var seeded = await PortalFactory.CreateAsync();
        var admin = await seeded.ClientForAsync("demo-admin", Roles.Admin);
        var replaced = await admin.PostAsync("/api/v1/datasets/cell-towers/snapshots?mode=replace",
            new StringContent(CsvWithoutFailures(new CellTowerGenerator()), Encoding.UTF8, "text/csv"));
        replaced.EnsureSuccessStatusCode();

        await using var restarted = seeded.SecondInstance(DemoModelsOn);
        var outcomes = await Outcomes(restarted);
        var towers = outcomes.Single(o => o.Model == "cell-tower-failure");
        var run = await restarted.Services.GetRequiredService<TrackingStore>().GetRunAsync(towers.RunId!);
        var telco = await ScoreAsync(restarted, "telco-churn", new TelcoChurnGenerator());

        Assert.Equal(DemoModelStatus.Failed, towers.Status);
        Assert.Contains("only one class", towers.Error);
        Assert.Equal("FAILED", run.Info.Status);
        Assert.Contains("only one class", run.Tags.Single(t => t.Key == "error").Value);
        Assert.Equal(DemoModelStatus.Deployed, outcomes.Single(o => o.Model == "telco-churn").Status);
        Assert.Equal(HttpStatusCode.OK, telco.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/deployments/cell-tower-failure")).StatusCode);
    }

    [Fact]
    public async Task AStartAfterAnInterruptedOneRegistersTheFinishedRunInsteadOfTrainingAgain()
    {
        // An earlier start trained the churn model and stopped before registering it.
        await using var interrupted = await PortalFactory.CreateAsync();
        var earlier = await interrupted.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto(null, "telco-churn", null, "Churn", "lightgbm", null, 42, null, null), AuditActor.System);
        await interrupted.Services.GetRequiredService<TrackingStore>().SetTagAsync(earlier, new TrackingTag(DemoModelSpec.Tag, "telco-churn"));
        await interrupted.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(earlier).WaitAsync(Patience);

        await using var restarted = interrupted.SecondInstance(DemoModelsOn);
        var telco = (await Outcomes(restarted)).Single(o => o.Model == "telco-churn");

        Assert.Equal(DemoModelStatus.Deployed, telco.Status);
        Assert.Equal(earlier, telco.RunId);
        Assert.Equal(2, await DemoRunCount(restarted));
    }

    private static string CsvWithoutFailures(IDataGenerator generator)
    {
        var columns = generator.Schema.Columns;
        var text = new StringBuilder(string.Join(',', columns.Select(c => c.Name))).Append('\n');
        foreach (var row in generator.Generate(new GeneratorRequest(200, 5)))
            text.Append(string.Join(',', columns.Select(c => c.Role == ColumnRole.Label ? "0" : Convert.ToString(row[c.Ordinal], CultureInfo.InvariantCulture))))
                .Append('\n');
        return text.ToString();
    }

    private static async Task<IReadOnlyList<DemoModelOutcome>> Outcomes(PortalFactory portal) =>
        await portal.Services.GetRequiredService<DemoModelsService>().Completion.WaitAsync(Patience);

    /// <summary>Scores four generated rows with a key made through <see cref="DeploymentService"/>, as a user would.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> ScoreAsync(PortalFactory portal, string deployment, IDataGenerator generator)
    {
        var (_, secret) = await portal.Services.GetRequiredService<DeploymentService>().CreateKeyAsync(deployment, "test", new AuditActor("dora"));
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var features = generator.Schema.Columns.Where(c => c.Role == ColumnRole.Feature).ToList();
        var records = generator.Generate(new GeneratorRequest(4, 11)).Select(r => features.ToDictionary(c => c.Name, c => r[c.Ordinal]));
        var body = JsonSerializer.Serialize(new { dataframe_records = records });
        var response = await client.PostAsync($"/serving/{deployment}/invocations", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static double[] Probabilities(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble())];

    private static async Task<int> DemoRunCount(PortalFactory portal)
    {
        var tracking = portal.Services.GetRequiredService<TrackingStore>();
        var experiments = await tracking.SearchExperimentsAsync(ViewType.All, 1000, null);
        var runs = await tracking.SearchRunsAsync([.. experiments.Experiments.Select(e => e.ExperimentId)], $"tags.{DemoModelSpec.Tag} != ''",
            ViewType.All, 1000, null, null);
        return runs.Runs.Count;
    }
}
