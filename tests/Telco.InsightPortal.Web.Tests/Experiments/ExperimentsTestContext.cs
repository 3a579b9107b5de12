using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Audit;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Security;

namespace Telco.InsightPortal.Web.Tests.Experiments;

/// <summary>The experiment pages over a real SQLite tracking store and a real artifact folder; only the
/// signed-in user is bUnit's.</summary>
public abstract class ExperimentsTestContext : PortalTestContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    protected TestStore Store { get; private set; } = default!;
    protected TrackingStore Tracking { get; private set; } = default!;
    protected PortalPaths Paths { get; private set; } = default!;
    protected RunProgress Progress { get; private set; } = default!;
    protected RunLog RunLog { get; private set; } = default!;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        Store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var trail = new AuditTrail(Store.Factory, TimeProvider.System);
        Tracking = new TrackingStore(Store.Factory, trail, TimeProvider.System);
        Paths = new PortalPaths(Options.Create(new PortalOptions { DataDir = Path.Combine(Store.Directory, "data") }),
            new HostingEnvironment { ContentRootPath = Store.Directory });
        var datasets = new DatasetStore(Store.Factory);
        Services.AddSingleton(Tracking);
        Services.AddSingleton(datasets);
        Services.AddSingleton(Paths);
        var artifacts = new RunArtifacts(Paths);
        Progress = new RunProgress(NullLogger<RunProgress>.Instance);
        RunLog = new RunLog(artifacts, Progress, TimeProvider.System, NullLogger<RunLog>.Instance);
        Services.AddSingleton(artifacts);
        Services.AddSingleton(Progress);
        Services.AddSingleton(RunLog);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new RunControl());
        Services.AddSingleton(Options.Create(new TrainingOptions()));
        Services.AddSingleton<TrainingInstance>();
        Services.AddSingleton<RunLeaseKeeper>();
        Services.AddSingleton<RunCancellation>();
        Services.AddSingleton<RunRecorder>();
        Services.AddSingleton(new TrainingQueue(datasets, Tracking, RunLog));
        AddCircuitActor();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Store.DisposeAsync();
    }

    protected void SignIn(string username, params string[] policies)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(username);
        auth.SetPolicies([.. policies, Policies.SignedIn]);
    }

    protected void SignInReader() => SignIn("reader", Policies.ExperimentsRead);

    protected Task<long> CreateExperimentAsync(string name) => Tracking.CreateExperimentAsync(name, null, [], AuditActor.System, Ct);

    /// <summary>A finished run as the training worker records one.</summary>
    protected async Task<string> CreateRunAsync(long experimentId, string name, string trainer, double rocAuc, string status = "FINISHED")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var run = await Tracking.CreateRunAsync(experimentId, "analyst", name, now,
            [new("dataset", "telco-churn"), new("snapshot_id", "3"), new("trainer", trainer)], AuditActor.System, Ct);
        var id = run.Info.RunId;
        await Tracking.LogBatchAsync(id, [new("roc_auc", rocAuc, now, 0), new("pr_auc", rocAuc - 0.2, now, 0), new("f1", 0.5, now, 0)],
            [new("trainer", trainer), new("seed", "42")], [], Ct);
        await Tracking.UpdateRunAsync(id, status, status is "RUNNING" or "SCHEDULED" ? null : now + 90_000, null, AuditActor.System, Ct);
        return id;
    }

    protected void WriteArtifact<T>(string runId, string name, T value)
    {
        var directory = Path.Combine(Paths.Artifacts, "runs", runId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name), JsonSerializer.Serialize(value, Json));
    }
}
