using System.Diagnostics;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.Web.Jobs.Kinds;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[Collection(nameof(KindsPortalCollection))]
public sealed class SimulateTrafficKindTests(KindsPortal portal)
{
    [Fact]
    public async Task GeneratedRowsAreScoredOverHttpAtTheRateAndAShareIsLabelled()
    {
        await portal.DeployAsync("sim-gen", "sim-gen", await portal.RegisterAsync("sim-gen"));
        var clock = Stopwatch.StartNew();

        // 40 rows at 20 rows/s: batches of 20 at 0 s and 1 s.
        var step = await portal.RunAsync(JobKindCatalog.SimulateTraffic,
            new() { ["deployment"] = "sim-gen", ["rows"] = 40L, ["ratePerSecond"] = 20d, ["labelShare"] = 0.5, ["labelDelaySeconds"] = 0L, ["drift"] = 0.3 });

        var elapsed = clock.Elapsed;
        var predictions = await PredictionsAsync("sim-gen", expected: 40);
        Assert.Equal(40L, step["sent"]);
        Assert.Equal(0L, step["errors"]);
        Assert.Equal(20L, step["labelled"]);
        Assert.True(elapsed >= TimeSpan.FromSeconds(0.9), $"40 rows at 20/s took {elapsed}.");
        Assert.Equal(40, predictions.Count);
        Assert.Equal(20, predictions.Count(r => r.TrueLabel is not null));
        Assert.Contains(step.Log, l => l.StartsWith("40/40 rows sent", StringComparison.Ordinal));
        Assert.Contains(step.Log, l => l.Contains("Posted 20 delayed labels", StringComparison.Ordinal));
    }

    [Fact]
    public void ARequestCarriesEveryColumnButTheLabel()
    {
        var generator = new TelcoChurnGenerator();
        var row = generator.Generate(new GeneratorRequest(1, 1)).Single();
        var label = generator.Schema.Label!;

        var record = SimulateTrafficKind.Record(generator.Schema, label.Ordinal, row);

        Assert.Equal(generator.Schema.Columns.Count - 1, record.Count);
        Assert.DoesNotContain(label.Name, record.Keys);
        Assert.Equal(row[generator.Schema.Find("tenure")!.Ordinal], record["tenure"]);
    }

    [Fact]
    public async Task SnapshotRowsAreSampledAndLabelledWithTheirOwnLabels()
    {
        await portal.DeployAsync("sim-snap", "sim-snap", await portal.RegisterAsync("sim-snap"));

        var step = await portal.RunAsync(JobKindCatalog.SimulateTraffic,
            new() { ["deployment"] = "sim-snap", ["source"] = "snapshot", ["rows"] = 30L, ["ratePerSecond"] = 1000d, ["labelShare"] = 1d, ["labelDelaySeconds"] = 0L });

        var predictions = await PredictionsAsync("sim-snap", expected: 30);
        Assert.Equal(30L, step["sent"]);
        Assert.Equal(30L, step["labelled"]);
        Assert.Equal(30, predictions.Count(r => r.TrueLabel is not null));
        // Seeded telco rows churn about a quarter of the time: both labels arrive.
        Assert.Contains(predictions, r => r.TrueLabel == 1);
        Assert.Contains(predictions, r => r.TrueLabel == 0);
    }

    [Fact]
    public async Task AnUnknownOrStoppedDeploymentIsRefused()
    {
        await portal.DeployAsync("sim-stopped", "sim-stopped", await portal.RegisterAsync("sim-stopped"));
        await portal.Get<DeploymentService>().StopAsync("sim-stopped", KindsPortal.Dora, Ct);

        var unknown = await portal.RunAsync(JobKindCatalog.SimulateTraffic, new() { ["deployment"] = "sim-nowhere", ["rows"] = 5L });
        var stopped = await portal.RunAsync(JobKindCatalog.SimulateTraffic, new() { ["deployment"] = "sim-stopped", ["rows"] = 5L });

        Assert.Equal("No deployment named 'sim-nowhere'.", unknown.Reason);
        Assert.Equal("Deployment 'sim-stopped' is stopped; start it before sending it traffic.", stopped.Reason);
        Assert.Empty(await PredictionsAsync("sim-stopped"));
    }

    [Fact]
    public async Task CancellingMidwayStopsSendingAndPostsNoLabels()
    {
        await portal.DeployAsync("sim-cancel", "sim-cancel", await portal.RegisterAsync("sim-cancel"));
        using var cancel = new CancellationTokenSource();

        // 200 rows at 50/s would take 4 s; the first progress line comes after the first batch.
        var step = await portal.RunAsync(JobKindCatalog.SimulateTraffic,
            new() { ["deployment"] = "sim-cancel", ["rows"] = 200L, ["ratePerSecond"] = 50d, ["labelShare"] = 1d, ["labelDelaySeconds"] = 0L }, cancel.Token,
            onLog: line =>
            {
                if (line.StartsWith("50/200 rows sent", StringComparison.Ordinal)) cancel.Cancel();
            });

        Assert.Equal("Cancelled: 50 of 200 rows were scored (0 refused) and no labels were posted.", step.Reason);
        var predictions = await PredictionsAsync("sim-cancel", expected: 50);
        Assert.Equal(50, predictions.Count);
        Assert.All(predictions, r => Assert.Null(r.TrueLabel));
    }

    /// <summary>The deployment's logged predictions, once the log writer has written the <paramref name="expected"/> ones.</summary>
    private async Task<IReadOnlyList<PredictionRecord>> PredictionsAsync(string deployment, int expected = 0)
    {
        var store = portal.Get<DeploymentStore>();
        var record = (await store.GetAsync(deployment, Ct))!;
        var rows = await store.PredictionsAsync(record, 0, long.MaxValue, 1000, Ct);
        for (var waited = 0; rows.Count < expected && waited < 50; waited++)
        {
            await Task.Delay(100, Ct);
            rows = await store.PredictionsAsync(record, 0, long.MaxValue, 1000, Ct);
        }
        return rows;
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
}
