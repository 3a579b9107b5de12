using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Monitoring;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

/// <summary>Simulated traffic with delayed labels on a real deployment, then the monitoring service over it: the
/// traffic is counted, the labels give realised figures, and the inputs can be compared with the training snapshot.</summary>
[Collection(nameof(KindsPortalCollection))]
public sealed class MonitoredTrafficTests(KindsPortal portal)
{
    [Fact]
    public async Task SimulatedTrafficAndItsLabelsShowInTheDeploymentsMetricsAndDrift()
    {
        var name = "watched-" + Guid.NewGuid().ToString("N")[..6];
        await portal.DeployAsync(name, name, await portal.RegisterAsync(name));
        var sent = await portal.RunAsync(JobKindCatalog.SimulateTraffic,
            new() { ["deployment"] = name, ["rows"] = 300L, ["ratePerSecond"] = 300d, ["labelShare"] = 1d, ["labelDelaySeconds"] = 0L, ["drift"] = 0.5 });
        Assert.Equal(300L, sent["sent"]);
        var service = portal.Get<MonitoringService>();
        var to = DateTimeOffset.UtcNow.AddMinutes(1);

        var metrics = await service.MetricsAsync(name, to.AddHours(-1), to, TimeSpan.FromHours(1), TestContext.Current.CancellationToken);
        var drift = await service.DriftAsync(name, to.AddHours(-1), to, null, TestContext.Current.CancellationToken);

        var window = Assert.Single(metrics.Windows, w => w.Predictions > 0);
        Assert.Equal(300, window.Predictions);
        Assert.True(window.Realised?.Labelled > 0, "the labels arrived");
        Assert.NotNull(window.Estimated?.RocAuc);
        Assert.NotEmpty(drift.Verdict.Features);
    }
}
