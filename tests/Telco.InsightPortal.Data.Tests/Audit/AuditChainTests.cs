using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Tests.Audit;

public sealed class AuditChainTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task EntriesChainInOrderAndVerify(StoreProvider provider)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        await s.AppendAsync(30, checkpointEvery: 10);

        var result = await s.Verifier.VerifyAsync();
        var entries = await s.Log.PageAsync(new AuditQuery(), new AuditPaging(100));

        Assert.True(result.Ok, result.Reason);
        Assert.Equal((30L, (long?)null, 3), (result.Entries, result.FirstBadSeq, result.Checkpoints));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Equal(AuditHash.Genesis, entries[0].PrevHash);
        Assert.All(entries.Skip(1), e => Assert.Equal(entries[(int)e.Seq - 2].Hash, e.PrevHash));
        Assert.Equal("{\"n\":1,\"note\":\"row, \\u0022quoted\\u0022\"}", entries[0].Details);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DatabaseRefusesUpdateAndDeleteOfEntriesAndCheckpoints(StoreProvider provider)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        await s.AppendAsync(3, checkpointEvery: 3);
        await using var connection = await s.Store.Factory.OpenAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM audit_entries WHERE seq = 3"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE audit_checkpoints SET seq = 1"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM audit_checkpoints"));

        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"));
        Assert.True((await s.Verifier.VerifyAsync()).Ok);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ChangedFieldIsDetectedAtThatEntry(StoreProvider provider)
    {
        var result = await TamperAsync(provider, (c, tx) => AuditStore.Change(c, tx, 17, "actor", new Random(1)));

        Assert.False(result.Ok);
        Assert.Equal(17, result.FirstBadSeq);
        Assert.Equal("entry 17: hash mismatch (content changed)", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task DeletedEntryIsDetectedAsSequenceGap(StoreProvider provider)
    {
        var result = await TamperAsync(provider, (c, tx) => AuditStore.Delete(c, tx, 16));

        Assert.False(result.Ok);
        Assert.Equal(16, result.FirstBadSeq);
        Assert.Equal("entry 17: sequence gap (expected 16)", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ReorderedEntriesAreDetectedAtTheFirstOfThem(StoreProvider provider)
    {
        var result = await TamperAsync(provider, (c, tx) => AuditStore.Swap(c, tx, 12, 13));

        Assert.False(result.Ok);
        Assert.Equal(12, result.FirstBadSeq);
        Assert.Equal("entry 12: prev_hash does not match entry 11", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task TruncatedTailIsDetectedByTheCheckpoint(StoreProvider provider)
    {
        var result = await TamperAsync(provider, (c, tx) => AuditStore.Truncate(c, tx, 5));

        Assert.False(result.Ok);
        Assert.Equal(36, result.FirstBadSeq);
        Assert.StartsWith("checkpoint at seq 40 (", result.Reason);
        Assert.EndsWith("is missing from the chain: entries were truncated (the chain ends at seq 35)", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ChainRehashedAfterAnEditIsDetectedByTheCheckpoints(StoreProvider provider)
    {
        var result = await TamperAsync(provider, (c, tx) =>
        {
            AuditStore.Change(c, tx, 25, "outcome", new Random(2));
            AuditStore.Rehash(c, tx);
        });

        Assert.False(result.Ok);
        Assert.Equal(21, result.FirstBadSeq);
        Assert.Contains("checkpoint at seq 30", result.Reason);
        Assert.Contains("the chain was rewritten (somewhere in entries 21–30)", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task ChainRewrittenWithForgedCheckpointsFailsTheSignature(StoreProvider provider)
    {
        AuditStore? store = null;
        var result = await TamperAsync(provider, (c, tx) =>
        {
            AuditStore.Change(c, tx, 3, "details", new Random(3));
            AuditStore.Rehash(c, tx);
            store!.ForgeCheckpoints(c, tx);
        }, s => store = s);

        Assert.False(result.Ok);
        Assert.Equal(10, result.FirstBadSeq);
        Assert.EndsWith("checkpoint signature invalid: the chain was rewritten without the key", result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task RolledBackAppendsLeaveNoGapAndConcurrentAppendsAreGapless(StoreProvider provider)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        var actor = new AuditActor("worker");

        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                if (i % 5 == 4)
                {
                    // A change that fails after its entry was appended: the number must go back.
                    await using var write = await s.Store.Factory.BeginWriteAsync();
                    await s.Trail.AppendAsync(write.Connection, write.Transaction, actor, new AuditEvent("test.rollback", "worker", w.ToString()));
                    await write.Transaction.RollbackAsync();
                    continue;
                }
                await s.Trail.AppendAsync(actor, new AuditEvent("test.append", "worker", w.ToString()));
            }
        })));
        var entries = await s.Log.PageAsync(new AuditQuery(), new AuditPaging(500));
        var result = await s.Verifier.VerifyAsync();

        Assert.Equal(Enumerable.Range(1, 96).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.DoesNotContain(entries, e => e.Action == "test.rollback");
        Assert.True(result.Ok, result.Reason);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task FiltersAndKeysetPagingSelectExactlyTheMatchingEntries(StoreProvider provider)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        await s.AppendAsync(40);
        var query = new AuditQuery { Actor = "alice", Action = "snapshot.commit" };

        var first = await s.Log.PageAsync(query, new AuditPaging(3, NewestFirst: true));
        var older = await s.Log.PageAsync(query, new AuditPaging(3, BeforeSeq: first[^1].Seq, NewestFirst: true));
        var failures = await s.Log.PageAsync(new AuditQuery { Outcome = AuditOutcomes.Failure, From = DateTimeOffset.UtcNow.AddHours(-1) }, new AuditPaging(100));
        var none = await s.Log.PageAsync(new AuditQuery { To = DateTimeOffset.UtcNow.AddHours(-1) }, new AuditPaging(100));

        // alice: every third; snapshot.commit: not every fourth. Newest first: 39, 33, 30, then 27, 21, 18.
        Assert.Equal([39L, 33, 30], first.Select(e => e.Seq));
        Assert.Equal([27L, 21, 18], older.Select(e => e.Seq));
        Assert.Equal([7L, 14, 21, 28, 35], failures.Select(e => e.Seq));
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite, 1234)]
    [InlineData(StoreProvider.Postgres, 5678)]
    public async Task EveryRandomTamperingIsDetected(StoreProvider provider, int seed)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        const int n = 60;
        await s.AppendAsync(n, checkpointEvery: 15);
        var random = new Random(seed);
        var missed = new List<string>();

        for (var trial = 0; trial < 200; trial++)
        {
            await using (var write = await s.BeginAsync())
            {
                var (connection, tx) = (write.Connection, write.Transaction);
                s.DropTriggers(connection, tx);
                var (what, latestBad) = TamperAtRandom(s, connection, tx, random, n);
                var result = s.Verify(connection, tx);
                if (result.Ok || result.FirstBadSeq is null || result.FirstBadSeq > latestBad)
                    missed.Add($"trial {trial}: {what} -> ok={result.Ok} firstBad={result.FirstBadSeq} ({result.Reason})");
                await tx.RollbackAsync();
            }
        }

        Assert.Empty(missed);
        Assert.True((await s.Verifier.VerifyAsync()).Ok);
    }

    /// <summary>One tampering of a random kind and place; returns what it did and the latest seq a verifier may name.</summary>
    private static (string What, long LatestBad) TamperAtRandom(AuditStore s, DbConnection c, DbTransaction tx, Random random, int n)
    {
        var seq = random.Next(1, n + 1);
        switch (random.Next(6))
        {
            case 0:
                var column = AuditStore.Columns[random.Next(AuditStore.Columns.Length)];
                AuditStore.Change(c, tx, seq, column, random);
                return ($"change {column} of {seq}", seq);
            case 1:
                var rehashed = AuditStore.Columns[random.Next(AuditStore.Columns.Length - 2)];
                AuditStore.Change(c, tx, seq, rehashed, random);
                AuditStore.Rehash(c, tx);
                return ($"change {rehashed} of {seq} and rehash", seq);
            case 2:
                AuditStore.Delete(c, tx, seq);
                return ($"delete {seq}", seq);
            case 3:
                var other = seq == n ? seq - 1 : seq + 1 + random.Next(n - seq);
                AuditStore.Swap(c, tx, Math.Min(seq, other), Math.Max(seq, other));
                return ($"swap {seq} and {other}", Math.Min(seq, other));
            case 4:
                var count = random.Next(1, 11);
                AuditStore.Truncate(c, tx, count);
                return ($"truncate {count}", n - count + 1);
            default:
                AuditStore.Change(c, tx, seq, "actor", random);
                AuditStore.Rehash(c, tx);
                s.ForgeCheckpoints(c, tx);
                return ($"rewrite from {seq} with forged checkpoints", n);
        }
    }

    /// <summary>Builds 40 entries with checkpoints at 10, 20, 30 and 40, tampers in a transaction with the
    /// triggers dropped, and verifies what the tampering left.</summary>
    private static async Task<AuditVerification> TamperAsync(StoreProvider provider, Action<DbConnection, DbTransaction> tamper,
        Action<AuditStore>? onStore = null)
    {
        await using var s = await AuditStore.CreateAsync(provider);
        onStore?.Invoke(s);
        await s.AppendAsync(40, checkpointEvery: 10);
        await using (var write = await s.BeginAsync())
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            s.DropTriggers(connection, tx);
            tamper(connection, tx);
            await tx.CommitAsync();
        }
        return await s.Verifier.VerifyAsync();
    }
}
