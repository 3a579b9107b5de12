using System.Text;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Web.Tests.Deployments;

namespace Telco.InsightPortal.Web.Tests.Monitoring;

internal static class MonitoringSeed
{
    /// <summary>A deployment of a model trained on the seeded telco-churn snapshot with 240 predictions, one every 30 s
    /// over the two hours before the returned end (a whole hour), every other one labelled; tenure is 70…72, far above
    /// the snapshot's spread.</summary>
    public static async Task<(string Name, DateTimeOffset End)> DeployWithLogAsync(DeployedPortal portal, string name, CancellationToken ct, int count = 240)
    {
        var snapshot = (await portal.Get<DatasetStore>().GetAsync("telco-churn", ct))!.CurrentSnapshotId;
        var model = new ModelVersionRef("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), snapshot);
        var store = portal.Get<DeploymentStore>();
        var deployment = (await store.CreateAsync(name, 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h-" + name, "tsk_" + name), DeployedPortal.Dora, ct))!;
        var layout = new PredictionLayout(deployment.Id, "churn/1", """["customerID","tenure","Contract"]""");
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var random = new Random(3);
        string[] contracts = ["Month-to-month", "One year", "Two year"];
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var inputs = $"[\"C-{i}\",{70 + i % 3},\"{contracts[random.Next(3)]}\"]";
            var p = (float)Math.Round(0.05 + 0.9 * random.NextDouble(), 3);
            return new LoggedPrediction(layout, Guid.CreateVersion7(end.AddHours(-2).AddSeconds(30 * i)), 2 + i % 7, Encoding.UTF8.GetBytes(inputs), p, p >= 0.5 ? 1 : 0);
        }).ToList();
        await store.WritePredictionsAsync(rows, [], ct);
        await store.AddLabelsAsync(deployment, [.. rows.Where((_, i) => i % 2 == 0).Select((r, i) => new DelayedLabel(r.Uuid.ToString(), i % 3 == 0 ? 1 : 0))], ct);
        return (name, end);
    }
}
