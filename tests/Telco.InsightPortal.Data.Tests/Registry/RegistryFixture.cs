using System.Security.Cryptography;
using Dapper;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Data.Tracking;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Registry;

/// <summary>A migrated store with the tracking and registry stores over it, and runs whose model zips lie in a real artifact folder.</summary>
internal sealed class RegistryFixture(TestStore store) : IAsyncDisposable
{
    public static readonly AuditActor Dora = new("dora");
    public static readonly AuditActor Rita = new("rita");

    private readonly AuditTrail _trail = new(store.Factory, TimeProvider.System);

    public TestStore Store { get; } = store;

    public string ArtifactRoot { get; } = Path.Combine(store.Directory, "artifacts");

    public TrackingStore Tracking => new(Store.Factory, _trail, TimeProvider.System);

    public RegistryStore Registry => new(Store.Factory, _trail, TimeProvider.System);

    /// <summary>The registry with a promotion gate, as the portal composes it when governance is on.</summary>
    public RegistryStore GatedRegistry(IPromotionGate gate) => new(Store.Factory, _trail, TimeProvider.System, gate);

    public static async Task<RegistryFixture> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    /// <summary>A run as the training worker leaves it: FINISHED, lineage tags, model.zip on disk and its hash as a tag.</summary>
    public async Task<string> TrainedRunAsync(string status = "FINISHED", long snapshotId = 3)
    {
        var run = await Tracking.CreateRunAsync(0, "dora", null, null, [new("dataset", "telco-churn"), new("snapshot_id", snapshotId.ToString())], Dora);
        var runId = run.Info.RunId;
        var directory = Path.Combine(ArtifactRoot, "runs", runId);
        Directory.CreateDirectory(directory);
        var bytes = RandomNumberGenerator.GetBytes(2048);
        await File.WriteAllBytesAsync(Path.Combine(directory, "model.zip"), bytes);
        await Tracking.SetTagAsync(runId, new("artifact.model.zip.sha256", Convert.ToHexStringLower(SHA256.HashData(bytes))));
        await Tracking.UpdateRunAsync(runId, status, 1, null, Dora);
        return runId;
    }

    public async Task<ModelVersion> RegisterAsync(string model, string runId) =>
        await Registry.CreateVersionAsync(model, ModelSources.Resolve($"runs:/{runId}/model", ArtifactRoot), null, [], Dora);

    public async Task<IReadOnlyList<(string Action, string Actor, string Outcome)>> AuditAsync()
    {
        await using var connection = await Store.Factory.OpenAsync();
        return (await connection.QueryAsync<(string, string, string)>("SELECT action, actor, outcome FROM audit_entries WHERE action LIKE 'model.%' ORDER BY seq")).ToList();
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
