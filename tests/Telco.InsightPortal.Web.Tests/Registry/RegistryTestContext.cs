using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Telco.InsightPortal.Core.Governance;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Governance;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Web.Experiments;
using Telco.InsightPortal.Web.Governance;
using Telco.InsightPortal.Web.Registry;
using Telco.InsightPortal.Web.Tests.Experiments;

namespace Telco.InsightPortal.Web.Tests.Registry;

/// <summary>The registry pages over a real SQLite store, real runs and a real artifact folder.</summary>
public abstract class RegistryTestContext : ExperimentsTestContext
{
    protected static readonly AuditActor Dora = new("dora");

    protected RegistryStore Registry { get; private set; } = default!;

    /// <summary>The governance policies the registry's gate and the pages apply: the shipped defaults (report only)
    /// unless a test class says otherwise.</summary>
    protected virtual GovernanceOptions Governance => new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var evaluator = new PolicyEvaluator(Governance);
        Registry = new RegistryStore(Store.Factory, new AuditTrail(Store.Factory, TimeProvider.System), TimeProvider.System,
            new PolicyGate(evaluator, TimeProvider.System));
        Services.AddSingleton(Registry);
        Services.AddSingleton(sp => new GovernanceService(new GovernanceStore(Store.Factory), evaluator, sp.GetRequiredService<RunArtifacts>(), TimeProvider.System));
        Services.AddSingleton(sp => new ModelCards(Registry, Tracking, sp.GetRequiredService<DatasetStore>(), sp.GetRequiredService<RunArtifacts>()));
    }

    /// <summary>A FINISHED run with a model zip and its recorded hash, registered as the next version of <paramref name="model"/>.</summary>
    protected async Task<ModelVersion> RegisterAsync(string model, double rocAuc = 0.84)
    {
        var runId = await TrainedRunAsync(rocAuc);
        return await Registry.CreateVersionAsync(model, ModelSources.Resolve($"runs:/{runId}/model.zip", Paths.Artifacts), null, [], Dora, Ct, createModel: true);
    }

    protected async Task<string> TrainedRunAsync(double rocAuc = 0.84)
    {
        var experiment = await ExperimentIdAsync();
        var runId = await CreateRunAsync(experiment, "run-" + Guid.NewGuid().ToString("N")[..6], "logistic", rocAuc);
        var bytes = RandomNumberGenerator.GetBytes(512);
        var directory = Path.Combine(Paths.Artifacts, "runs", runId);
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "model.zip"), bytes, Ct);
        await Tracking.SetTagAsync(runId, new("artifact.model.zip.sha256", Convert.ToHexStringLower(SHA256.HashData(bytes))), Ct);
        return runId;
    }

    private async Task<long> ExperimentIdAsync()
    {
        var page = await Tracking.SearchExperimentsAsync(Data.Tracking.ViewType.ActiveOnly, 10, null, Ct);
        return page.Experiments.FirstOrDefault(e => e.Name == "churn")?.ExperimentId ?? await CreateExperimentAsync("churn");
    }
}
