using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Experiments.Training;

namespace Telco.InsightPortal.Web.Tests.Registry;

internal static class TrainedRuns
{
    /// <summary>A run trained by the portal's own worker on the seeded demo data, FINISHED with its model zip.</summary>
    public static async Task<string> TrainAsync(this PortalFactory portal, string user = "dora")
    {
        var runId = await portal.Services.GetRequiredService<TrainingQueue>().SubmitAsync(
            new TrainRequestDto("churn-registry", "telco-churn", null, "Churn", "logistic", null, 42, null, null), new AuditActor(user));
        var status = await portal.Services.GetRequiredService<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal("FINISHED", status);
        return runId;
    }
}
