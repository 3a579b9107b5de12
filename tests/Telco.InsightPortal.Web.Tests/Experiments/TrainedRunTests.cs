using Bunit.TestDoubles;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.UI;
using Telco.InsightPortal.Web.Experiments.Pages;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Tests.Experiments;

/// <summary>A real run, trained by the real worker, shown by the run page: the artifacts the trainer writes
/// are the ones the page reads.</summary>
public sealed class TrainedRunTests : ExperimentsTestContext
{
    [Fact]
    public async Task AFinishedTrainingRunShowsItsCurvesConfusionAndArtifactHashes()
    {
        SignInReader();
        var random = new Random(5);
        var csv = "customerID,tenure,MonthlyCharges,Contract,Churn\n" + string.Join('\n', Enumerable.Range(0, 400).Select(i =>
        {
            var tenure = random.Next(0, 72);
            var churn = random.NextDouble() < (tenure < 12 ? 0.6 : 0.15);
            return $"c{i},{tenure},{20 + random.Next(0, 100)},{(tenure > 24 ? "Two year" : "Month-to-month")},{(churn ? "Yes" : "No")}";
        })) + "\n";
        var writer = new SnapshotWriter(Store.Factory, new IngestLimits(), TimeProvider.System, new AuditTrail(Store.Factory, TimeProvider.System));
        await writer.IngestAsync("telco-churn", Csv.Stream(csv), new IngestOptions(), Ct);
        var queue = Services.GetRequiredService<TrainingQueue>();
        using var worker = ActivatorUtilities.CreateInstance<TrainingWorker>(Services, Options.Create(new TrainingOptions()), NullLogger<TrainingWorker>.Instance);
        await worker.StartAsync(Ct);
        var runId = await queue.SubmitAsync(new TrainRequestDto(null, "telco-churn", null, "Churn", "logistic", null, 7, null, null), AuditActor.System, Ct);

        var status = await worker.WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3), Ct);
        await worker.StopAsync(Ct);
        var cut = Render<RunDetailsPage>(p => p.Add(x => x.RunId, runId));

        Assert.Equal("FINISHED", status);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindComponents<Stub<LineChart>>().Count));
        var roc = cut.FindComponents<Stub<LineChart>>().Select(s => s.Instance.Parameters)
            .Single(p => p.Get(x => x.Title) == "ROC curve").Get(x => x.Series)[0];
        Assert.True(roc.X.Count > 2);
        Assert.Equal(roc.X.Count, roc.Y.Count);
        var confusion = cut.FindComponent<Stub<Heatmap>>().Instance.Parameters.Get(x => x.Values);
        Assert.True(confusion.Sum(r => r.Sum()) > 0);
        var artifacts = cut.Find("#run-artifacts").TextContent;
        Assert.Contains("model.zip", artifacts);
        Assert.Contains(RunLog.FileName, artifacts);
        var hash = (await Tracking.GetRunAsync(runId, Ct)).Tags.Single(t => t.Key == "artifact.roc.json.sha256").Value;
        Assert.Contains(hash, artifacts);
    }
}
