using System.Runtime.CompilerServices;
using Dapper;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Evidence;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Evidence;

/// <summary>What a built pack holds, for the caller's log and response headers.</summary>
public sealed record EvidencePackInfo(string Model, long Version, string ManifestSha256, long PackEntrySeq, long CheckpointSeq, long FirstSeq,
    int CitedEntries)
{
    /// <summary>Time spent gathering and rendering the documents, recording and signing, and streaming the zip.</summary>
    public (TimeSpan Documents, TimeSpan Signing, TimeSpan Zip) Phases { get; init; }
}

/// <summary>
/// Builds the evidence pack of a model version:
/// <list type="number">
/// <item>gathers the document (<see cref="EvidenceFacts"/>) and renders it, and the manifest of its files' digests;</item>
/// <item>appends the audit entry <see cref="PackLayout.PackAction"/> with the manifest's SHA-256, so the documents are tied
/// to the chain — and the pack's making is itself on the record, as the audit export is;</item>
/// <item>signs the chain head through <see cref="AuditCheckpoints"/> (the operation the checkpoint service runs every few
/// minutes; doing it now only shortens the time the newest entries wait), so the checkpoint covers every entry the pack
/// cites and the pack entry too — a pack never says "not covered";</item>
/// <item>checks that checkpoint's HMAC with the key and signs it again with the key's ECDSA pair, which an auditor can
/// check without being able to forge;</item>
/// <item>streams every entry from the first one cited to the checkpoint into the zip: all of them, not only the cited
/// ones, because each hash covers the one before, and only an unbroken run links a cited entry to the signed head.</item>
/// </list>
/// </summary>
public sealed class EvidencePacks(IConnectionFactory factory, EvidenceFacts facts, IAuditTrail trail, AuditCheckpoints checkpoints, CheckpointKey key)
{
    public async Task<EvidencePackInfo> BuildAsync(string model, long version, AuditActor actor, Stream output,
        Func<string, CancellationToken, Task<IReadOnlyList<EvidenceSliceColumn>?>>? slices = null, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var document = await facts.GatherAsync(model, version, actor.Name, slices, ct);
        var documents = PackDocuments.For(document);
        var documented = clock.Elapsed;

        long packSeq;
        await using (var write = await factory.BeginWriteAsync(ct))
        {
            await trail.AppendAsync(write.Connection, write.Transaction, actor, new AuditEvent(PackLayout.PackAction, AuditTargets.ModelVersion,
                $"{document.Model}/{document.Version}", Details: new PackRecord(documents.ManifestSha256, document.Model, document.Version)), ct);
            packSeq = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(EvidenceSql.HeadSeq, transaction: write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
        }

        var checkpoint = await checkpoints.WriteAsync(ct) is { } written && written.Seq >= packSeq ? written : await CoveringAsync(packSeq, ct);
        if (checkpoint.KeyId != key.Id || !key.Verifies(checkpoint.Seq, checkpoint.Hash, checkpoint.At, checkpoint.Signature))
            throw new InvalidOperationException($"The audit checkpoint at seq {checkpoint.Seq} does not verify with this portal's key; the pack is not built. Verify the chain.");
        var signed = PackCheckpoint.Sign(key, checkpoint.Seq, checkpoint.Hash, checkpoint.At);

        var first = document.Records.Entries.Count > 0 ? document.Records.Entries[0].Seq : packSeq;
        var signing = clock.Elapsed;
        await PackWriter.WriteAsync(output, documents, RangeAsync(first, checkpoint.Seq, ct), signed, key.PublicKey, ct);
        return new EvidencePackInfo(document.Model, document.Version, documents.ManifestSha256, packSeq, checkpoint.Seq, first, document.Records.Entries.Count)
        {
            Phases = (documented, signing - documented, clock.Elapsed - signing),
        };
    }

    private async Task<AuditCheckpoint> CoveringAsync(long seq, CancellationToken ct)
    {
        // Another instance (or the periodic service) signed the head between our entry and our call: its checkpoint covers it.
        await using var connection = await factory.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AuditCheckpoint>(new CommandDefinition(EvidenceSql.CoveringCheckpoint, new { Seq = seq }, cancellationToken: ct))
            ?? throw new InvalidOperationException($"No audit checkpoint covers seq {seq}.");
    }

    private async IAsyncEnumerable<AuditEntry> RangeAsync(long from, long to, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await foreach (var entry in AuditRows.StreamAsync(connection, null, EvidenceSql.ChainRange, new { From = from, To = to }, ct))
            yield return entry;
    }
}
