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

    /// <summary>The promise for the gap before labels come: on a drifted stream the estimate (from the
    /// calibrated probabilities alone) is there while no label is, and the realised ROC AUC, once the labels arrive,
    /// lies within the estimate's 95 % band. The band is widened by the realised figure's own sampling error (a
    /// Hanley–McNeil standard error, two of them), since 600 labelled rows measure AUC only to about ±0.05.</summary>
    [Fact]
    public async Task OnADriftedStreamTheEstimatedAucIsThereBeforeTheLabelsAndTheRealisedOneLandsInItsBand()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "drifted-" + Guid.NewGuid().ToString("N")[..6];
        await portal.DeployAsync(name, name, await portal.RegisterAsync(name));
        var service = portal.Get<MonitoringService>();
        var to = DateTimeOffset.UtcNow.AddHours(1);
        var posting = new TaskCompletionSource();
        var run = Task.Run(() => portal.RunAsync(JobKindCatalog.SimulateTraffic,
            new() { ["deployment"] = name, ["rows"] = 600L, ["ratePerSecond"] = 600d, ["labelShare"] = 1d, ["labelDelaySeconds"] = 8L, ["drift"] = 1d },
            ct, onLog: line => { if (line.StartsWith("Posting ", StringComparison.Ordinal)) posting.TrySetResult(); }), ct);
        await posting.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);

        // The log writer commits in batches a moment after scoring: wait for all 600, well within the labels' delay.
        var before = Assert.Single((await service.MetricsAsync(name, to.AddHours(-2), to, TimeSpan.FromHours(2), ct)).Windows);
        for (var i = 0; i < 40 && before.Predictions < 600; i++)
        {
            await Task.Delay(100, ct);
            before = Assert.Single((await service.MetricsAsync(name, to.AddHours(-2), to, TimeSpan.FromHours(2), ct)).Windows);
        }
        var drift = await service.DriftAsync(name, to.AddHours(-2), to, null, ct);
        Assert.Equal(600, before.Predictions);
        Assert.Null(before.Realised);
        var estimate = before.Estimated?.RocAuc ?? throw new Xunit.Sdk.XunitException("no estimated ROC AUC before the labels");
        Assert.Contains(drift.Verdict.Features, f => f.Status == Core.Monitoring.DriftStatus.Alert);

        var sent = await run;
        Assert.Null(sent.Failure);
        Assert.Equal(600L, sent["labelled"]);
        var after = Assert.Single((await service.MetricsAsync(name, to.AddHours(-2), to, TimeSpan.FromHours(2), ct)).Windows);
        var realised = after.Realised?.RocAuc ?? throw new Xunit.Sdk.XunitException("no realised ROC AUC after the labels");
        var positives = Positives(after.Realised);
        var error = HanleyMcNeil(realised, positives, after.Realised.Labelled - positives);
        Assert.True(realised >= estimate.Lower - 2 * error && realised <= estimate.Upper + 2 * error,
            $"realised ROC AUC {realised:0.000} outside the estimate {estimate.Value:0.000} [{estimate.Lower:0.000}, {estimate.Upper:0.000}] ± {2 * error:0.000}");
        Assert.Equal(estimate, after.Estimated?.RocAuc);
    }

    /// <summary>The labelled positives (TP + FN) from n, accuracy, precision and recall: FP = TP(1 − p)/p,
    /// FN = TP(1 − r)/r and TN = a·n − TP, which sum with TP to n.</summary>
    private static double Positives(RealisedFigures r)
    {
        double a = r.Accuracy!.Value, p = r.Precision!.Value, q = r.Recall!.Value, n = r.Labelled;
        var tp = n * (1 - a) / ((1 - p) / p + (1 - q) / q);
        return tp / q;
    }

    /// <summary>Hanley and McNeil's (1982) standard error of an AUC measured on the given class sizes.</summary>
    private static double HanleyMcNeil(double auc, double positives, double negatives)
    {
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        return Math.Sqrt((auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives));
    }
}
