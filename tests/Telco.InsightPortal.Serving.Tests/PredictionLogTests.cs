using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Logging;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Serving.Tests;

[Collection(nameof(ServingCollection))]
public sealed class PredictionLogTests(TrainedModels models)
{
    [Fact]
    public async Task ScoredRowsAreLoggedAndDelayedLabelsAttachToThem()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var client = host.Client(await host.DeployAsync("churn-log"));
        var response = await client.PostAsync("/serving/churn-log/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(3))));
        var uuids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("uuid").GetString()!).ToList();
        var store = host.Portal.Services.GetRequiredService<DeploymentStore>();
        var deployment = (await store.GetAsync("churn-log"))!;
        var logged = await WaitForAsync(() => store.PredictionsAsync(deployment, 0, long.MaxValue, 100), l => l.Count == 3);

        var labels = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-log/labels",
            new object[] { new { uuid = uuids[0], label = 1 }, new { uuid = uuids[1], label = 0 }, new { uuid = "no-such-uuid", label = 1 } });
        var labelled = await store.PredictionsAsync(deployment, 0, long.MaxValue, 100);
        var badLabel = await host.Scientist.PostAsJsonAsync("/api/v1/deployments/churn-log/labels", new object[] { new { uuid = uuids[0], label = 2 } });
        var summary = JsonDocument.Parse(await host.Scientist.GetStringAsync("/api/v1/deployments/churn-log")).RootElement;

        Assert.Equal(uuids.Order(), logged.Select(p => p.Uuid).Order());
        Assert.All(logged, p => Assert.Equal("churn/1", p.ModelVersion));
        Assert.Contains("\"tenure\":", logged[0].Inputs);
        Assert.Equal(HttpStatusCode.OK, labels.StatusCode);
        var outcome = JsonDocument.Parse(await labels.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, outcome.GetProperty("stored").GetInt32());
        Assert.Equal("no-such-uuid", outcome.GetProperty("unknown")[0].GetString());
        Assert.Equal(1, labelled.Single(p => p.Uuid == uuids[0]).TrueLabel);
        Assert.Null(labelled.Single(p => p.Uuid == uuids[2]).TrueLabel);
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Equal(1, summary.GetProperty("requests").GetInt64());
        Assert.Equal(3, summary.GetProperty("latencyMs").GetProperty("sample").GetInt32());
        Assert.True(summary.GetProperty("latencyMs").GetProperty("p99").GetDouble() > 0);
        Assert.Equal("churn/1", $"{summary.GetProperty("targets")[0].GetProperty("model").GetString()}/{summary.GetProperty("targets")[0].GetProperty("version").GetString()}");
    }

    [Fact]
    public async Task BadInputAndAnotherDeploymentsKeyCountAsRefusedInTheirMinute()
    {
        await using var host = await ServingHost.CreateAsync(models);
        var own = host.Client(await host.DeployAsync("churn-refuse"));
        var other = host.Client(await host.DeployAsync("churn-other"));
        var good = await own.PostAsync("/serving/churn-refuse/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(2))));
        var bad = await own.PostAsync("/serving/churn-refuse/invocations", ServingHost.Json("{\"dataframe_split\": 7}"));
        var foreign = await other.PostAsync("/serving/churn-refuse/invocations", ServingHost.Json(Payloads.DataframeSplit(models.Schema, models.Rows.Take(1))));
        var store = host.Portal.Services.GetRequiredService<DeploymentStore>();
        var deployment = (await store.GetAsync("churn-refuse"))!;

        var minutes = await WaitForAsync(() => store.MinutesAsync(deployment, 0), m => m.Sum(x => x.Requests) == 3);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (good.StatusCode, bad.StatusCode, foreign.StatusCode));
        Assert.Equal((3L, 2L, 0L), (minutes.Sum(m => m.Requests), minutes.Sum(m => m.Failed), minutes.Sum(m => m.Dropped)));
        Assert.Empty(await store.MinutesAsync((await store.GetAsync("churn-other"))!, 0));
        Assert.Equal(2, (await store.PredictionsAsync(deployment, 0, long.MaxValue, 10)).Count);
    }

    [Fact]
    public async Task AFullQueueDropsAndCountsWhileTheWriterStoresWhatFitInBatches()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var deployments = new DeploymentStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var created = (await deployments.CreateAsync("churn-q", 1, [DeploymentTarget.Of(models["1"], 100)], new NewKey("k", "hash", "tsk_"), AuditActor.System))!;
        var options = Options.Create(new ServingOptions { LogCapacity = 3, LogBatchSize = 2 });
        var log = new PredictionLog(options);
        var column = new DatasetColumn(0, "tenure", ColumnType.Integer);

        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(1000 + i))).ToArray();
        for (var i = 0; i < 5; i++)
            log.Offer(ScoredRequest.Scored(created.Id, "churn/1", [column], [[(long)i]], [0.25f], [0], [ids[i]], 1000 + i, 1.5));
        await new PredictionLogWriter(log, deployments, options, NullLogger<PredictionLogWriter>.Instance).DrainAsync([], CancellationToken.None);
        var written = await deployments.PredictionsAsync(created, 0, long.MaxValue, 100);
        var counters = (await deployments.GetAsync("churn-q"))!;

        Assert.Equal(2, log.Dropped);
        Assert.Equal(ids.Take(3).Select(id => id.ToString()), written.Select(p => p.Uuid).Order());
        Assert.Equal("{\"tenure\":1}", written.Single(p => p.Uuid == ids[1].ToString()).Inputs);
        Assert.Equal(2, counters.DroppedPredictions);
        Assert.Equal(3, counters.Requests);
    }

    [Fact]
    public void AFloodOfFullRequestsHoldsNoMoreRowsThanTheCapacityAndCountsTheRestAsDroppedRows()
    {
        var log = new PredictionLog(Options.Create(new ServingOptions { LogCapacity = 25_000 }));
        var full = Rows(10_000);

        for (var i = 0; i < 100; i++) log.Offer(full);
        var held = 0L;
        while (log.TryTake(out var request)) held += request.Count;

        Assert.Equal(20_000, held);
        Assert.Equal(98 * 10_000, log.Dropped);
        Assert.Equal(0, log.Queued);
    }

    [Fact]
    public async Task ConcurrentOffersNeverQueueMoreRowsThanTheCapacityAndEveryRowIsTakenOrDropped()
    {
        const int capacity = 30_000;
        var log = new PredictionLog(Options.Create(new ServingOptions { LogCapacity = capacity }));
        var peak = 0L;
        var taken = 0L;
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested || log.Queued > 0)
            {
                peak = Math.Max(peak, log.Queued);
                if (log.TryTake(out var request)) taken += request.Count;
                else await Task.Yield();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++) log.Offer(Rows(i % 3 == 0 ? 10_000 : 1 + (i * 37 % 5_000)));
        })));
        await done.CancelAsync();
        await reader;

        var offered = 8L * Enumerable.Range(0, 200).Sum(i => i % 3 == 0 ? 10_000 : 1 + (i * 37 % 5_000));
        Assert.InRange(peak, 1, capacity);
        Assert.Equal(offered, taken + log.Dropped);
        Assert.True(log.Dropped > 0);
    }

    /// <summary>A scored request of <paramref name="count"/> rows, as far as the log's bound is concerned.</summary>
    private static ScoredRequest Rows(int count) => new(1, "churn/1", [], [], [], new float[count], new int[count], new Guid[count], 0, 1);

    /// <summary>The background writer runs on its own schedule; wait for its batch with a deadline rather than a sleep.</summary>
    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }
}
