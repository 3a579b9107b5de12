using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Audit;

/// <summary>What a walk of the chain found: ok, or the first bad sequence number and why.</summary>
public sealed record AuditVerification(bool Ok, long Entries, long? FirstBadSeq, string Reason, int Checkpoints);

/// <summary>
/// Walks the whole chain in order, streaming, recomputing each hash and link; then checks every signed
/// checkpoint against the walk (which catches a truncated tail and a chain re-hashed without the key) and
/// the head row against the last entry.
/// </summary>
public sealed class AuditVerifier(IConnectionFactory factory, CheckpointKey key)
{
    public Task<AuditVerification> VerifyAsync(CancellationToken ct = default) => Task.Run(() =>
    {
        using var connection = factory.Open();
        // One snapshot of the store for the walk and the checkpoints, while writers carry on.
        using var tx = connection.BeginTransaction(factory.Provider == StoreProvider.Postgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable);
        return Verify(connection, tx, key, ct);
    }, ct);

    public static AuditVerification Verify(DbConnection connection, DbTransaction? tx, CheckpointKey key, CancellationToken ct = default)
    {
        var checkpoints = connection.Query<AuditCheckpoint>(AuditSql.Checkpoints, transaction: tx).ToList();
        var wanted = checkpoints.Select(c => c.Seq).ToHashSet();
        var hashesAt = new Dictionary<long, string>();

        // Each entry's check needs only its own fields and the stored hash of the one before, so checking runs
        // on a second thread, a batch behind the reader: reading SQLite and hashing overlap.
        var expected = 1L;
        var prev = AuditHash.Genesis;
        var batch = new List<AuditEntry>(BatchSize);
        Task<AuditVerification?> pending = Task.FromResult<AuditVerification?>(null);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = AuditSql.Walk;
            command.Transaction = tx;
            using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
            var batchExpected = expected;
            var batchPrev = prev;
            while (reader.Read())
            {
                var entry = Read(reader);
                batch.Add(entry);
                if (wanted.Contains(entry.Seq)) hashesAt[entry.Seq] = entry.Hash;
                prev = entry.Hash;
                expected = entry.Seq + 1;
                if (batch.Count < BatchSize) continue;
                if (pending.GetAwaiter().GetResult() is { } early) return early with { Checkpoints = checkpoints.Count };
                ct.ThrowIfCancellationRequested();
                var (full, start, before) = (batch, batchExpected, batchPrev);
                pending = Task.Run(() => Check(full, start, before));
                (batch, batchExpected, batchPrev) = (new List<AuditEntry>(BatchSize), expected, prev);
            }
            var bad = pending.GetAwaiter().GetResult() ?? Check(batch, batchExpected, batchPrev);
            if (bad is not null) return bad with { Checkpoints = checkpoints.Count };
        }
        var entries = expected - 1;

        var lastGood = 0L;
        foreach (var c in checkpoints)
        {
            var when = c.At.ToString("u", CultureInfo.InvariantCulture);
            if (c.KeyId != key.Id)
                return Bad(entries, c.Seq, $"checkpoint at seq {c.Seq} ({when}) was signed with another key (id {c.KeyId}; this portal's key is {key.Id})", checkpoints.Count);
            if (!key.Verifies(c.Seq, c.Hash, c.At, c.Signature))
                return Bad(entries, c.Seq, $"checkpoint at seq {c.Seq} ({when}): checkpoint signature invalid: the chain was rewritten without the key", checkpoints.Count);
            if (c.Seq > entries)
                return Bad(entries, entries + 1, $"checkpoint at seq {c.Seq} ({when}) is missing from the chain: entries were truncated (the chain ends at seq {entries})", checkpoints.Count);
            if (!string.Equals(hashesAt[c.Seq], c.Hash, StringComparison.Ordinal))
                return Bad(entries, lastGood + 1, $"checkpoint at seq {c.Seq} ({when}) does not match entry {c.Seq}: the chain was rewritten (somewhere in entries {lastGood + 1}–{c.Seq})", checkpoints.Count);
            lastGood = Math.Max(lastGood, c.Seq);
        }

        var (headSeq, headHash) = connection.QuerySingle<(long, string)>(AuditSql.ReadHead, transaction: tx);
        if (headSeq > entries)
            return Bad(entries, entries + 1, $"the chain head records seq {headSeq} but the last entry is {entries}: entries were truncated", checkpoints.Count);
        if (headSeq != entries || !string.Equals(headHash, prev, StringComparison.Ordinal))
            return Bad(entries, entries, $"the chain head (seq {headSeq}) does not match the last entry (seq {entries})", checkpoints.Count);

        var reason = checkpoints.Count == 0
            ? $"{entries} entries verified; no signed checkpoint yet"
            : $"{entries} entries verified; {checkpoints.Count} signed checkpoint(s), the latest at seq {lastGood}";
        return new AuditVerification(true, entries, null, reason, checkpoints.Count);
    }

    private const int BatchSize = 4096;

    /// <summary>The first bad entry of a batch, given the seq and stored hash the batch should follow.</summary>
    private static AuditVerification? Check(List<AuditEntry> batch, long expected, string prev)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Span<byte> stored = stackalloc byte[32];
        foreach (var entry in batch)
        {
            if (entry.Seq != expected)
                return Bad(expected - 1, expected, $"entry {entry.Seq}: sequence gap (expected {expected})", 0);
            if (!string.Equals(entry.PrevHash, prev, StringComparison.Ordinal))
                return Bad(expected - 1, entry.Seq, entry.Seq == 1
                    ? "entry 1: prev_hash is not the genesis hash"
                    : $"entry {entry.Seq}: prev_hash does not match entry {entry.Seq - 1}", 0);
            var isHex = entry.Hash.Length == 64 && Convert.FromHexString(entry.Hash, stored, out _, out _) == OperationStatus.Done;
            // Stored hashes are lowercase; an uppercase rewrite would decode equal, and the next prev_hash would not match.
            if (!isHex || entry.Hash.AsSpan().ContainsAnyInRange('A', 'F') || !AuditHash.Compute(entry, buffer).AsSpan().SequenceEqual(stored))
                return Bad(expected - 1, entry.Seq, $"entry {entry.Seq}: hash mismatch (content changed)", 0);
            prev = entry.Hash;
            expected++;
        }
        return null;
    }

    private static AuditVerification Bad(long entries, long seq, string reason, int checkpoints) =>
        new(false, entries, seq, reason, checkpoints);

    /// <summary>One row of <see cref="AuditSql.SelectEntries"/>, read by position (faster than mapping by name, per row).</summary>
    internal static AuditEntry Read(DbDataReader r) => new()
    {
        Seq = r.GetInt64(0),
        At = ReadTime(r.GetValue(1)),
        Actor = r.GetString(2),
        SourceIp = Text(r, 3),
        UserAgent = Text(r, 4),
        Action = r.GetString(5),
        TargetType = r.GetString(6),
        TargetId = Text(r, 7),
        Outcome = r.GetString(8),
        Details = Text(r, 9),
        CorrelationId = Text(r, 10),
        PrevHash = r.GetString(11),
        Hash = r.GetString(12),
    };

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private const string SqliteTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz";

    internal static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        // The exact form Microsoft.Data.Sqlite writes, parsed without the general parser's guessing (it is per row).
        string s when DateTimeOffset.TryParseExact(s, SqliteTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d.ToUniversalTime(),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
    };
}
