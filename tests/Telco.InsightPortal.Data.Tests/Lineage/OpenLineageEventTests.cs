using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Jobs;
using Telco.InsightPortal.Data.Lineage;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Lineage;

/// <summary>OpenLineage run events written by the stores in the transaction of their work, validated against the
/// OpenLineage 2-0-2 JSON schema beside the project (JsonSchema.Net, formats checked too).</summary>
public sealed class OpenLineageEventTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath())));
    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task IngestQueueFailAndDeployWriteEventsThatMatchTheSchema(StoreProvider provider)
    {
        await using var store = await StoreUnderTest.CreateAsync(provider);
        var factory = store.Store.Factory;
        var snapshot = (await store.IngestAsync("customers", "id,tenure\n1,5\n2,7\n")).Snapshot!;
        var tracking = new TrackingStore(factory, store.Audit, TimeProvider.System);
        var runId = Guid.NewGuid().ToString("N");
        var dora = new AuditActor("dora");
        await tracking.QueueRunAsync(runId, 0, [], [new([], new RunDataset("customers", snapshot.ContentHash, TrackingStore.PortalSnapshotSourceType,
            $"portal-snapshot://customers/{snapshot.Id}", null, null))], "{}", dora);
        await tracking.UpdateRunAsync(runId, "FAILED", null, null, dora);
        var model = new ModelVersionRef("churn", "1", runId, "runs/model.zip", new string('a', 64), snapshot.Id);
        await new DeploymentStore(factory, store.Audit, TimeProvider.System)
            .CreateAsync("churn-prod", 1, [DeploymentTarget.Of(model, 100)], new NewKey("default", "h1", "tsk_1"), dora);

        var events = (await new OpenLineageOutbox(factory).ListAsync(0, 100)).Select(e => JsonDocument.Parse(e.Body).RootElement).ToList();

        Assert.All(events, e => AssertValid(e));
        Assert.Equal(
            [("START", "ingest/customers"), ("COMPLETE", "ingest/customers"), ("START", "experiment/0"), ("FAIL", "experiment/0"),
             ("START", "deploy/churn-prod"), ("COMPLETE", "deploy/churn-prod")],
            events.Select(e => (e.GetProperty("eventType").GetString(), e.GetProperty("job").GetProperty("name").GetString())));
        Assert.Equal(RunIdOf(events[0]), RunIdOf(events[1]));
        Assert.Equal(Guid.ParseExact(runId, "N").ToString("D"), RunIdOf(events[2]));
        Assert.Equal(RunIdOf(events[2]), RunIdOf(events[3]));
        var output = events[1].GetProperty("outputs")[0];
        Assert.Equal(("dataset/customers", snapshot.Id.ToString()),
            (output.GetProperty("name").GetString(), output.GetProperty("facets").GetProperty("version").GetProperty("datasetVersion").GetString()));
        Assert.Equal($"{snapshot.Id}", events[2].GetProperty("inputs")[0].GetProperty("facets").GetProperty("version").GetProperty("datasetVersion").GetString());
        Assert.Contains("FAILED", events[3].GetProperty("run").GetProperty("facets").GetProperty("errorMessage").GetProperty("message").GetString());
        Assert.Equal(["deploy/churn-prod", "deploy/churn-prod"], (await new OpenLineageOutbox(factory).ListAsync(4, 100))
            .Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("job").GetProperty("name").GetString()));
    }

    /// <summary>A job run is a run of job "job/{name}": START when an instance claims it, COMPLETE when it succeeds,
    /// FAIL when it fails or its instance stops, ABORT when cancelled; a run cancelled before it was claimed has none.</summary>
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task JobRunsWriteStartAndTheirEndThatMatchTheSchema(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var jobs = new JobStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var job = Core.Jobs.JobDefinitionParser.Parse("""{"name":"nightly","kind":"ingest","parameters":{"dataset":"d","rows":10}}""");
        await jobs.CreateAsync(job, new AuditActor("dora"));
        async Task<long> QueueAsync() => (await jobs.QueueAsync(new JobRunRequest(job, 1, Core.Jobs.JobRunTrigger.Manual, "dora"), new AuditActor("dora")))!.Value;
        var (succeeded, interrupted, cancelled, neverClaimed) = (await QueueAsync(), await QueueAsync(), await QueueAsync(), await QueueAsync());
        foreach (var id in new[] { succeeded, interrupted, cancelled }) await jobs.ClaimAsync(id, "node-1");
        await jobs.FinishAsync(succeeded, "nightly", Core.Jobs.JobRunStatus.Succeeded, null, AuditActor.System);
        await jobs.InterruptAsync(interrupted, "nightly", "its instance stopped");
        await jobs.FinishAsync(cancelled, "nightly", Core.Jobs.JobRunStatus.Cancelled, "Cancelled by dora.", AuditActor.System);
        await jobs.CancelAsync(neverClaimed, new AuditActor("dora"));

        var events = (await new OpenLineageOutbox(store.Factory).ListAsync(0, 100)).Select(e => JsonDocument.Parse(e.Body).RootElement).ToList();

        Assert.All(events, e => AssertValid(e));
        Assert.All(events, e => Assert.Equal("job/nightly", e.GetProperty("job").GetProperty("name").GetString()));
        var byRun = events.GroupBy(RunIdOf).Select(g => string.Join(",", g.Select(e => e.GetProperty("eventType").GetString()))).ToList();
        Assert.Equal(["START,COMPLETE", "START,FAIL", "START,ABORT"], byRun);
    }

    /// <summary>The check itself can fail: an event without a run id, or with a time that is not one, is refused.</summary>
    [Fact]
    public void TheSchemaRefusesABrokenEvent()
    {
        var good = JsonNode.Parse(new Core.Lineage.OpenLineageRunEvent("START", Guid.NewGuid(), "ingest/x", DateTimeOffset.UtcNow, [], []).ToJson())!;
        var noRunId = good.DeepClone();
        noRunId["run"]!.AsObject().Remove("runId");
        var badTime = good.DeepClone();
        badTime["eventTime"] = "yesterday";

        Assert.True(Evaluate(good).IsValid);
        Assert.False(Evaluate(noRunId).IsValid);
        Assert.False(Evaluate(badTime).IsValid);
    }

    private static EvaluationResults Evaluate(JsonNode node) => Schema.Value.Evaluate(JsonSerializer.SerializeToElement(node), Strict);

    private static void AssertValid(JsonElement e)
    {
        var result = Schema.Value.Evaluate(e, Strict);
        Assert.True(result.IsValid, e + "\n" + string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(x => $"{d.InstanceLocation}: {x.Key} {x.Value}"))));
    }

    private static string? RunIdOf(JsonElement e) => e.GetProperty("run").GetProperty("runId").GetString();

    /// <summary>The schema beside the project (../shared/data/openlineage); without it the test skips, except under CI.</summary>
    private static string SchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "openlineage", "OpenLineage.json");
            if (File.Exists(candidate)) return candidate;
        }
        const string reason = "The OpenLineage 2-0-2 schema is not beside the project (../shared/data/openlineage/OpenLineage.json).";
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(reason);
        Assert.Skip(reason);
        return null!;
    }
}
