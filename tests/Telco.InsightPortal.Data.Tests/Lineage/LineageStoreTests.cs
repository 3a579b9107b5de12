using System.Security.Cryptography;
using System.Text;
using Dapper;
using Telco.InsightPortal.Core.Lineage;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tests.Monitoring;
using Telco.InsightPortal.TestSupport;

using static Telco.InsightPortal.Core.Lineage.LineageEdgeKinds;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>The lineage walk (migration 0019): recursive SQL per direction on both dialects, exact impact, cycles,
/// the depth cap, the node limit, unknown nodes, and predictions read from the log rather than stored as edges.</summary>
public sealed class LineageStoreTests
{
    private static readonly LineageOptions Options = new() { MaxDepth = 10, DefaultDepth = 3, MaxNodes = 5000 };

    /// <summary>Two snapshots of one dataset: s2 appends to s1 (so holds its rows), s3 replaces them (so does not).
    /// Each has its own run, version and deployment; an app reads through the first.</summary>
    private static LineageEdges Branches() => new LineageEdges()
        .Add("source-file/aaa", IngestedFrom, "snapshot/1")
        .Add("dataset/customers", SnapshotOf, "snapshot/1")
        .Add("dataset/customers", SnapshotOf, "snapshot/2")
        .Add("snapshot/1", SnapshotOf, "snapshot/2")
        .Add("source-file/bbb", IngestedFrom, "snapshot/2")
        .Add("dataset/customers", SnapshotOf, "snapshot/3")
        .Add("source-file/ccc", IngestedFrom, "snapshot/3")
        .Add("snapshot/2", TrainedOn, "run/run-a")
        .Add("snapshot/3", TrainedOn, "run/run-b")
        .Add("run/run-a", RegisteredAs, "model-version/churn/1")
        .Add("run/run-b", RegisteredAs, "model-version/churn/2")
        .Add("person/carol", ApprovedBy, "model-version/churn/1", "carol")
        .Add("person/carol", ApprovedBy, "model-version/churn/2", "carol")
        .Add("model-version/churn/1", DeployedAs, "deployment/churn-a")
        .Add("model-version/churn/2", DeployedAs, "deployment/churn-b")
        .Add("deployment/churn-a", BoundTo, "app/churn-explorer")
        .Add("deployment/churn-b", BoundTo, "app/roi");

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ImpactOfASnapshotIsExactlyWhatWasBuiltOnIt(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var lineage = await LineageOfAsync(store, Branches());

        var impact = await lineage.GraphAsync("snapshot", "1", LineageDirection.Downstream, 10);

        Assert.NotNull(impact);
        Assert.Equal(
            ["app/churn-explorer", "deployment/churn-a", "model-version/churn/1", "run/run-a", "snapshot/1", "snapshot/2"],
            impact.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["deployment/churn-a->app/churn-explorer", "model-version/churn/1->deployment/churn-a", "run/run-a->model-version/churn/1",
             "snapshot/1->snapshot/2", "snapshot/2->run/run-a"],
            impact.Edges.Select(e => e.From + "->" + e.To).Order(StringComparer.Ordinal));
        Assert.Equal(0, impact.Start.Distance);
        Assert.Equal(4, impact.Nodes.Single(n => n.Key == "deployment/churn-a").Distance);
        Assert.False(impact.Truncated);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task UpstreamOfADeploymentReachesItsFilesAndApprovers(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var lineage = await LineageOfAsync(store, Branches());

        var upstream = await lineage.GraphAsync("deployment", "churn-a", LineageDirection.Upstream, null);
        var deep = await lineage.GraphAsync("deployment", "churn-a", LineageDirection.Upstream, 10);

        Assert.Equal(3, upstream!.Depth);
        Assert.Equal(["deployment/churn-a", "model-version/churn/1", "person/carol", "run/run-a", "snapshot/2"],
            upstream.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["dataset/customers", "deployment/churn-a", "model-version/churn/1", "person/carol", "run/run-a", "snapshot/1", "snapshot/2",
             "source-file/aaa", "source-file/bbb"],
            deep!.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Contains(deep.Edges, e => e is { From: "person/carol", To: "model-version/churn/1", Kind: ApprovedBy, Actor: "carol" });
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task BothDirectionsJoinTheTwoWalks(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var lineage = await LineageOfAsync(store, Branches());

        var both = await lineage.GraphAsync("run", "run-b", LineageDirection.Both, 1);

        Assert.Equal(["model-version/churn/2", "run/run-b", "snapshot/3"], both!.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, both.Edges.Count);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ACycleIsWalkedOnceAndEnds(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var cycle = new LineageEdges()
            .Add("job-run/1", Produced, "snapshot/1")
            .Add("snapshot/1", TrainedOn, "run/r")
            .Add("run/r", Produced, "job-run/1")
            .Add("run/r", RegisteredAs, "model-version/m/1");
        var lineage = await LineageOfAsync(store, cycle);

        var down = await lineage.GraphAsync("job-run", "1", LineageDirection.Downstream, 10);
        var both = await lineage.GraphAsync("snapshot", "1", LineageDirection.Both, 10);

        Assert.Equal(["job-run/1", "model-version/m/1", "run/r", "snapshot/1"], down!.Nodes.Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(4, down.Edges.Count);
        Assert.Equal(4, both!.Nodes.Count);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ADepthAboveTheMaximumIsCappedAndSaysSo(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var chain = new LineageEdges();
        for (var i = 1; i < 15; i++) chain.Add($"snapshot/{i}", SnapshotOf, $"snapshot/{i + 1}");
        var lineage = await LineageOfAsync(store, chain);

        var capped = await lineage.GraphAsync("snapshot", "1", LineageDirection.Downstream, 50);
        var shallow = await lineage.GraphAsync("snapshot", "1", LineageDirection.Downstream, 3);
        var none = await lineage.GraphAsync("snapshot", "1", LineageDirection.Downstream, 0);

        Assert.Equal((10, true, 11), (capped!.Depth, capped.DepthCapped, capped.Nodes.Count));
        Assert.Equal("snapshot/11", capped.Nodes[^1].Key);
        Assert.Equal((3, false, 4), (shallow!.Depth, shallow.DepthCapped, shallow.Nodes.Count));
        Assert.Equal(["snapshot/1"], none!.Nodes.Select(n => n.Key));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TheNodeLimitKeepsTheNearestAndSaysTheAnswerWasCut(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var fan = new LineageEdges().Add("snapshot/1", TrainedOn, "run/near");
        for (var i = 0; i < 20; i++) fan.Add("run/near", RegisteredAs, $"model-version/m/{i}");
        var lineage = await LineageOfAsync(store, fan, Options with { MaxNodes = 5 });

        var graph = await lineage.GraphAsync("snapshot", "1", LineageDirection.Downstream, 5);

        Assert.True(graph!.Truncated);
        Assert.Equal(5, graph.Nodes.Count);
        Assert.Equal(["snapshot/1", "run/near"], graph.Nodes.Take(2).Select(n => n.Key));
        Assert.All(graph.Edges, e => Assert.Contains(graph.Nodes, n => n.Key == e.To));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnUnknownNodeHasNoGraph(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var lineage = await LineageOfAsync(store, Branches());

        Assert.Null(await lineage.GraphAsync("snapshot", "999", LineageDirection.Both, 3));
        Assert.Null(await lineage.GraphAsync("deployment", "nowhere", LineageDirection.Both, 3));
        Assert.Null(await lineage.GraphAsync("prediction", Guid.CreateVersion7().ToString(), LineageDirection.Upstream, 3));
        Assert.Null(await lineage.GraphAsync("prediction", "not-a-uuid", LineageDirection.Upstream, 3));
        await Assert.ThrowsAsync<ArgumentException>(() => lineage.GraphAsync("table", "x", LineageDirection.Both, 3));
    }

    /// <summary>Through the real stores: the ingest names its file by SHA-256, the deployment records what it serves,
    /// and a logged prediction leads back to the file while the snapshot's impact counts the predictions below it.</summary>
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task APredictionLeadsBackToTheFileAndTheSnapshotCountsThePredictionsBelowIt(StoreProvider provider)
    {
        await using var monitored = await MonitoredDeployment.CreateAsync(provider, logged: 40);
        var factory = monitored.Store.Store.Factory;
        var snapshotId = await SnapshotIdAsync(factory);
        await new LineageEdges()
            .Add($"snapshot/{snapshotId}", TrainedOn, "run/run-1")
            .Add("run/run-1", RegisteredAs, "model-version/churn/1")
            .WriteAsync(factory);
        var lineage = new LineageStore(factory, Options);
        var uuid = await FirstPredictionAsync(factory);

        var upstream = await lineage.GraphAsync("prediction", uuid, LineageDirection.Upstream, 10);
        var impact = await lineage.GraphAsync("snapshot", snapshotId.ToString(), LineageDirection.Downstream, 10);

        var file = upstream!.Nodes.Single(n => n.Type == LineageNodeTypes.SourceFile);
        Assert.Matches("^[0-9a-f]{64}$", file.Id);
        Assert.Contains(upstream.Nodes, n => n.Key == "dataset/customers");
        Assert.Contains(upstream.Edges, e => e is { From: "deployment/churn-prod", Kind: ScoredBy });
        Assert.Contains(upstream.Edges, e => e is { From: "model-version/churn/1", Kind: ScoredBy });
        Assert.Equal(("churn-prod", "churn/1"), (upstream.Start.Facts!["deployment"], upstream.Start.Facts["modelVersion"]));
        var group = impact!.Nodes.Single(n => n.Type == LineageNodeTypes.Prediction);
        Assert.Equal((true, 40L), (group.Group, group.Count));
        Assert.Contains(impact.Edges, e => e.From == "deployment/churn-prod" && e.To == group.Key);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AnIngestNamesItsFileBySha256AndAnAppendHangsUnderItsParent(StoreProvider provider)
    {
        await using var store = await StoreUnderTest.CreateAsync(provider);
        const string first = "id,tenure\n1,5\n2,7\n";
        const string second = "id,tenure\n3,9\n";
        var s1 = (await store.IngestAsync("customers", first)).Snapshot!.Id;
        var s2 = (await store.IngestAsync("customers", second)).Snapshot!.Id;
        var lineage = new LineageStore(store.Store.Factory, Options);

        var upstream = await lineage.GraphAsync("snapshot", s2.ToString(), LineageDirection.Upstream, 2);

        var files = upstream!.Nodes.Where(n => n.Type == LineageNodeTypes.SourceFile).Select(n => n.Id).Order().ToList();
        Assert.Equal(new[] { first, second }.Select(Sha256).Order(), files);
        Assert.Contains(upstream.Edges, e => e.From == $"snapshot/{s1}" && e.To == $"snapshot/{s2}" && e is { Kind: SnapshotOf, Actor: "tester" });
        Assert.Contains(upstream.Nodes, n => n.Key == "dataset/customers" && n.Label == "customers");
        Assert.StartsWith("upload (sha256 ", upstream.Nodes.Single(n => n.Id == Sha256(second)).Label);
    }

    private static async Task<LineageStore> LineageOfAsync(TestStore store, LineageEdges edges, LineageOptions? options = null)
    {
        await edges.WriteAsync(store.Factory);
        return new LineageStore(store.Factory, options ?? Options);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<long> SnapshotIdAsync(IConnectionFactory factory)
    {
        await using var c = await factory.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT MAX(id) FROM snapshots");
    }

    private static async Task<string> FirstPredictionAsync(IConnectionFactory factory)
    {
        await using var c = await factory.OpenAsync();
        var raw = await c.ExecuteScalarAsync<object>("SELECT uuid FROM predictions ORDER BY uuid LIMIT 1");
        return Telco.InsightPortal.Data.Deployments.PredictionIds.FromStore(raw!).ToString();
    }
}
