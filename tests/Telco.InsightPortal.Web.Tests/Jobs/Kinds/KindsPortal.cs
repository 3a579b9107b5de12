using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Core.Jobs;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.Serving.Deployments;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Experiments.Training;
using Telco.InsightPortal.Web.Hosting;
using Telco.InsightPortal.Web.Jobs.Kinds;
using Telco.InsightPortal.Web.Tests.Registry;

namespace Telco.InsightPortal.Web.Tests.Jobs.Kinds;

[CollectionDefinition(nameof(KindsPortalCollection))]
public sealed class KindsPortalCollection : ICollectionFixture<KindsPortal>;

/// <summary>A real portal on Kestrel (so scoring reaches its own serving) with the job kinds registered as the scheduler
/// will register them, the seeded demo data and one logistic run its worker trained on it. Shared: training once is enough.</summary>
public sealed class KindsPortal : IAsyncLifetime
{
    private long _nextRunId = 1000;

    public PortalFactory Portal { get; private set; } = default!;

    /// <summary>A FINISHED logistic run on telco-churn.</summary>
    public string RunId { get; private set; } = "";

    public static readonly AuditActor Dora = new("dora");

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalFactory.CreateAsync();
        Portal.StartKestrel();
        RunId = await Portal.TrainAsync();
    }

    public T Get<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    public string DataDir => Get<PortalPaths>().DataDir;

    /// <summary>Runs one step of <paramref name="kind"/> as the runner would: its parameters resolved against the catalog,
    /// the job's actor, a log.</summary>
    public async Task<StepRun> RunAsync(string kind, Dictionary<string, object> parameters, CancellationToken ct = default, string job = "nightly",
        Action<string>? onLog = null, long? jobRunId = null)
    {
        var runId = jobRunId ?? Interlocked.Increment(ref _nextRunId);
        var log = new List<string>();
        var step = new JobStepContext(job, runId, 1, kind, new StepParameters(new JobStep(kind, kind, parameters, null), new Dictionary<string, IReadOnlyDictionary<string, object?>>()),
            JobStepContext.ActorFor(job, runId), line =>
            {
                lock (log) log.Add(line);
                onLog?.Invoke(line);
            });
        var implementation = Portal.Services.GetServices<IJobKind>().Single(k => k.Name == kind);
        try
        {
            return new StepRun(runId, await implementation.RunAsync(step, ct), log, null);
        }
        catch (JobStepException e)
        {
            return new StepRun(runId, null, log, e);
        }
    }

    /// <summary>A run (by default the shared one) registered as a new version of <paramref name="model"/>.</summary>
    public async Task<long> RegisterAsync(string model, string? runId = null) =>
        (await Get<RegistryStore>().CreateVersionAsync(model, ModelSources.Resolve($"runs:/{runId ?? RunId}/model", Get<PortalPaths>().Artifacts), null, [], Dora,
            createModel: true)).Version;

    /// <summary>A FINISHED run of <paramref name="trainer"/> on <paramref name="dataset"/>'s current snapshot.</summary>
    public async Task<string> TrainOnAsync(string dataset, string trainer = "logistic")
    {
        var runId = await Get<TrainingQueue>().SubmitAsync(new TrainRequestDto(null, dataset, null, null, trainer, null, 42, null, null), Dora);
        Assert.Equal("FINISHED", await Get<TrainingWorker>().WhenDoneAsync(runId).WaitAsync(TimeSpan.FromMinutes(3)));
        return runId;
    }

    /// <summary>A new dataset of <paramref name="rows"/> generated telco rows; its snapshot.</summary>
    public async Task<long> GenerateAsync(string dataset, int rows, int seed = 1, double drift = 0)
    {
        var result = await Get<DatasetIngestService>().GenerateAsync(dataset, "telco-churn", new GeneratorRequest(rows, seed, drift), new Who("dora"), default);
        Assert.True(result.Committed, result.Message);
        return result.Snapshot!.Id;
    }

    /// <summary>A run an MLflow client opened in the shared run's experiment and has not ended (RUNNING).</summary>
    public async Task<string> OpenRunAsync()
    {
        var tracking = Get<TrackingStore>();
        var experiment = (await tracking.GetRunAsync(RunId)).Info.ExperimentId;
        return (await tracking.CreateRunAsync(experiment, "dora", "open", null, [], Dora)).Info.RunId;
    }

    /// <summary>A deployment serving version <paramref name="version"/> of <paramref name="model"/>.</summary>
    public Task DeployAsync(string deployment, string model, long version) =>
        Get<DeploymentService>().CreateAsync(deployment, model, version.ToString(System.Globalization.CultureInfo.InvariantCulture), null, 1, Dora);

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>What a step did: its outputs, or the reason it failed; and its log.</summary>
public sealed record StepRun(long RunId, IReadOnlyDictionary<string, object?>? Outputs, IReadOnlyList<string> Log, JobStepException? Failure)
{
    public object? this[string output] => (Outputs ?? throw new Xunit.Sdk.XunitException($"The step failed: {Failure?.Message}"))[output];

    public string Reason => Failure?.Message ?? throw new Xunit.Sdk.XunitException("The step succeeded; a failure was expected.");
}
