using System.Data.Common;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;
using Telco.InsightPortal.TestSupport;

namespace Telco.InsightPortal.Data.Tests.Audit;

/// <summary>A migrated store with the audit trail over it, and the tools of an attacker who can write to
/// the store (drop triggers, edit rows, recompute hashes) but does not hold the checkpoint key.</summary>
internal sealed class AuditStore(TestStore store) : IAsyncDisposable
{
    public TestStore Store { get; } = store;
    public StoreProvider Provider => Store.Provider;
    public CheckpointKey Key { get; } = CheckpointKey.Generate();
    public AuditTrail Trail { get; } = new(store.Factory, TimeProvider.System);
    public AuditLog Log { get; } = new(store.Factory);
    public AuditCheckpoints Checkpoints => new(Store.Factory, Key, TimeProvider.System);
    public AuditVerifier Verifier => new(Store.Factory, Key);

    public static async Task<AuditStore> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    /// <summary>Appends <paramref name="count"/> varied entries, signing a checkpoint every <paramref name="checkpointEvery"/>.</summary>
    public async Task AppendAsync(int count, int checkpointEvery = 0)
    {
        for (var i = 1; i <= count; i++)
        {
            var actor = new AuditActor(i % 3 == 0 ? "alice" : "bob", i % 2 == 0 ? "10.0.0." + i : null, "agent/" + i, "corr-" + i);
            await Trail.AppendAsync(actor, new AuditEvent(i % 4 == 0 ? "audit.export" : "snapshot.commit", "dataset", "ds-" + (i % 5),
                i % 7 == 0 ? AuditOutcomes.Failure : AuditOutcomes.Success, new { n = i, note = "row, \"quoted\"" }));
            if (checkpointEvery > 0 && i % checkpointEvery == 0) await Checkpoints.WriteAsync();
        }
    }

    public AuditVerification Verify(DbConnection connection, DbTransaction tx) => AuditVerifier.Verify(connection, tx, Key);

    public Task<WriteTransaction> BeginAsync() => Store.Factory.BeginWriteAsync();

    public void DropTriggers(DbConnection c, DbTransaction tx) => c.Execute(Provider == StoreProvider.Sqlite
        ? """
          DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;
          DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;
          """
        : """
          DROP TRIGGER audit_entries_append_only ON audit_entries;
          DROP TRIGGER audit_checkpoints_append_only ON audit_checkpoints;
          """, transaction: tx);

    public static List<AuditEntry> Entries(DbConnection c, DbTransaction tx) =>
        c.Query<AuditEntry>("SELECT seq AS Seq, at AS At, actor AS Actor, source_ip AS SourceIp, user_agent AS UserAgent, action AS Action, " +
            "target_type AS TargetType, target_id AS TargetId, outcome AS Outcome, details AS Details, correlation_id AS CorrelationId, " +
            "prev_hash AS PrevHash, hash AS Hash FROM audit_entries ORDER BY seq", transaction: tx).ToList();

    /// <summary>The columns an attacker may edit; names are fixed here, values always go as parameters.</summary>
    public static readonly string[] Columns =
        ["at", "actor", "source_ip", "user_agent", "action", "target_type", "target_id", "outcome", "details", "correlation_id", "prev_hash", "hash"];

    public static void Change(DbConnection c, DbTransaction tx, long seq, string column, Random random)
    {
        if (column == "at")
        {
            var at = Entries(c, tx).Single(e => e.Seq == seq).At;
            c.Execute("UPDATE audit_entries SET at = @At WHERE seq = @Seq", new { At = at.AddSeconds(1 + random.Next(1000)), Seq = seq }, tx);
            return;
        }
        var value = column is "prev_hash" or "hash" ? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0') : "forged-" + random.Next();
        c.Execute($"UPDATE audit_entries SET {column} = @Value WHERE seq = @Seq", new { Value = value, Seq = seq }, tx);
    }

    public static void Delete(DbConnection c, DbTransaction tx, long seq) =>
        c.Execute("DELETE FROM audit_entries WHERE seq = @Seq", new { Seq = seq }, tx);

    public static void Swap(DbConnection c, DbTransaction tx, long a, long b)
    {
        c.Execute("UPDATE audit_entries SET seq = -1 WHERE seq = @A", new { A = a }, tx);
        c.Execute("UPDATE audit_entries SET seq = @A WHERE seq = @B", new { A = a, B = b }, tx);
        c.Execute("UPDATE audit_entries SET seq = @B WHERE seq = -1", new { B = b }, tx);
    }

    /// <summary>Cuts the last <paramref name="count"/> entries and winds the head back, as a careful attacker would.</summary>
    public static void Truncate(DbConnection c, DbTransaction tx, int count)
    {
        var entries = Entries(c, tx);
        var keep = entries[..^count];
        c.Execute("DELETE FROM audit_entries WHERE seq > @Seq", new { Seq = keep.Count }, tx);
        c.Execute("UPDATE audit_head SET seq = @Seq, hash = @Hash WHERE id = 1",
            new { Seq = (long)keep.Count, Hash = keep.Count == 0 ? AuditHash.Genesis : keep[^1].Hash }, tx);
    }

    /// <summary>Recomputes every hash and link with the public algorithm, so the chain is consistent again.</summary>
    public static void Rehash(DbConnection c, DbTransaction tx)
    {
        var prev = AuditHash.Genesis;
        foreach (var entry in Entries(c, tx))
        {
            var fixedUp = entry with { PrevHash = prev };
            fixedUp = fixedUp with { Hash = AuditHash.Compute(fixedUp) };
            c.Execute("UPDATE audit_entries SET prev_hash = @PrevHash, hash = @Hash WHERE seq = @Seq", fixedUp, tx);
            prev = fixedUp.Hash;
        }
        c.Execute("UPDATE audit_head SET hash = @Hash WHERE id = 1", new { Hash = prev }, tx);
    }

    /// <summary>Replaces the checkpoints with ones for the rewritten chain, signed with a key of the attacker's.</summary>
    public void ForgeCheckpoints(DbConnection c, DbTransaction tx)
    {
        var forger = CheckpointKey.Generate();
        var hashes = Entries(c, tx).ToDictionary(e => e.Seq, e => e.Hash);
        var checkpoints = c.Query<AuditCheckpoint>("SELECT id AS Id, seq AS Seq, hash AS Hash, at AS At, key_id AS KeyId, signature AS Signature FROM audit_checkpoints", transaction: tx).ToList();
        c.Execute("DELETE FROM audit_checkpoints", transaction: tx);
        foreach (var cp in checkpoints.Where(cp => hashes.ContainsKey(cp.Seq)))
        {
            var hash = hashes[cp.Seq];
            // The key id is public; only the signature needs the key.
            c.Execute("INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES (@Seq, @Hash, @At, @KeyId, @Signature)",
                cp with { Hash = hash, KeyId = Key.Id, Signature = forger.Sign(cp.Seq, hash, cp.At) }, tx);
        }
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
