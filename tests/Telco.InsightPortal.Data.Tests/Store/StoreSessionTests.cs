using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Store;

public sealed class StoreSessionTests
{
    [Fact]
    public async Task WritersQueueAtTheGateWithoutHoldingThreadsAndAllCommitInTurn()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var trail = new AuditTrail(store.Factory, TimeProvider.System);
        var holder = await store.Factory.BeginWriteAsync();

        var writers = Enumerable.Range(0, 64).Select(i => trail.AppendAsync(new AuditActor("w" + i), new AuditEvent("test.write", "t", i.ToString()))).ToList();
        await Until(() => store.Factory.WaitingWriters() == 64);
        // 64 parked writers on a 2-core machine: had each blocked a pool thread in busy_timeout, this would queue behind them.
        var free = await Task.Run(() => true).WaitAsync(TimeSpan.FromSeconds(5));
        var noneDone = writers.All(w => !w.IsCompleted);
        await holder.DisposeAsync();
        await Task.WhenAll(writers);

        Assert.True(free);
        Assert.True(noneDone);
        Assert.Equal(0, store.Factory.WaitingWriters());
        Assert.True((await new AuditVerifier(store.Factory, CheckpointKey.Generate()).VerifyAsync()).Ok);
        await using var c = await store.Factory.OpenAsync();
        Assert.Equal(64, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries WHERE action = 'test.write'"));
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task AChangeThatFailsAfterRecordingItsEntryLeavesNeitherTheChangeNorTheEntry(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var session = new StoreSession(store.Factory, new AuditTrail(store.Factory, TimeProvider.System));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => session.WriteAsync<int>(new AuditActor("tester"), async (c, tx, entries) =>
        {
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES ('half', '', 'active', 0, 0)", transaction: tx));
            entries.Add(new AuditEvent("experiment.create", "experiment", "half"));
            throw new InvalidOperationException("the change fails half-way");
        }, CancellationToken.None));
        var after = await session.WriteAsync<int>(null, async (c, tx) => (await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", transaction: tx)), null), CancellationToken.None);

        Assert.Equal("the change fails half-way", failure.Message);
        Assert.Equal(1, after);
        await using var connection = await store.Factory.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM experiments WHERE name = 'half'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
    }

    [Fact]
    public async Task EveryConnectionFactoryOfOneFileSharesItsGate()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var other = new SqliteConnectionFactory(store.ConnectionString);
        await using var holder = await store.Factory.BeginWriteAsync();

        var waiting = other.BeginWriteAsync();
        await Until(() => other.WaitingWriters() == 1);
        var queued = !waiting.IsCompleted;
        await holder.DisposeAsync();
        await using var next = await waiting;

        Assert.True(queued);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }
}
