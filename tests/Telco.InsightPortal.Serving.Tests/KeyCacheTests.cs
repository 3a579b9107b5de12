using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Registry;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.Serving.Keys;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Serving.Tests;

/// <summary>The key cache finds a key by the digest of exactly its secret, and a revocation made elsewhere bites once
/// the cached check has expired.</summary>
public sealed class KeyCacheTests
{
    private static readonly ModelVersionRef V1 = new("churn", "1", "run-1", "runs/run-1/model.zip", new string('a', 64), 7);

    [Fact]
    public async Task AKeyOneCharacterOffIsUnknownWhileTheRealKeyIsCached()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var clock = new ManualClock();
        var (secret, cache, _, _) = await DeployAsync(store, clock);
        var near = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        var real = await cache.FindAsync(secret, CancellationToken.None);
        var off = await cache.FindAsync(near, CancellationToken.None);

        Assert.Equal("churn", real?.Deployment);
        Assert.Null(off);
    }

    [Fact]
    public async Task ARevocationByAnotherProcessBitesWhenTheCachedCheckExpires()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var clock = new ManualClock();
        var (secret, cache, deployments, deployment) = await DeployAsync(store, clock);
        var key = (await cache.FindAsync(secret, CancellationToken.None))!;

        await deployments.RevokeKeyAsync(deployment, key.Id, new AuditActor("dora"));
        var cached = await cache.FindAsync(secret, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(6));
        var expired = await cache.FindAsync(secret, CancellationToken.None);

        Assert.NotNull(cached);
        Assert.Null(expired);
    }

    private static async Task<(string Secret, KeyCache Cache, DeploymentStore Store, DeploymentRecord Deployment)> DeployAsync(TestStore store, ManualClock clock)
    {
        var deployments = new DeploymentStore(store.Factory, new AuditTrail(store.Factory, TimeProvider.System), TimeProvider.System);
        var (secret, stored) = AccessKeys.Create("default");
        var deployment = (await deployments.CreateAsync("churn", 1, [DeploymentTarget.Of(V1, 100)], stored, new AuditActor("dora")))!;
        var cache = new KeyCache(deployments, clock, Options.Create(new ServingOptions { KeyCacheSeconds = 5 }));
        return (secret, cache, deployments, deployment);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
