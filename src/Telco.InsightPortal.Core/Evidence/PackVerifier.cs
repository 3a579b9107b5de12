using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>
/// Checks an evidence pack offline, with nothing but the pack (and, better, the key fingerprint the auditor got by
/// another channel). In order: the zip holds exactly the pack's files; the checkpoint is signed by the pack's key
/// (and that key is the pinned one); every entry of the chain file parses in canonical form, hashes to its stored
/// hash, links to the one before, and the last one is the signed head; an <c>evidence.pack</c> entry in that chain
/// records the manifest's SHA-256; every document matches the manifest; every audit entry the document cites is in
/// the chain with the same hash. The first failure is reported and nothing after it is checked.
/// </summary>
public static class PackVerifier
{
    /// <summary>No real pack comes near this; a zip bomb stops here instead of filling memory.</summary>
    public const long MaxDocumentBytes = 1L << 30;

    public static PackVerification Verify(Stream zip, string? pinnedFingerprint = null)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            return Verify(archive, pinnedFingerprint?.Trim().ToLowerInvariant());
        }
        catch (InvalidDataException e)
        {
            return PackVerification.Bad("the pack", $"not a readable zip archive ({e.Message})");
        }
        catch (IOException e)
        {
            return PackVerification.Bad("the pack", $"could not be read ({e.Message})");
        }
    }

    private static PackVerification Verify(ZipArchive archive, string? pinned)
    {
        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            if (!PackLayout.All.Contains(entry.FullName)) return PackVerification.Bad(entry.FullName, "is not part of an evidence pack");
            if (!files.TryAdd(entry.FullName, entry)) return PackVerification.Bad(entry.FullName, "is in the zip twice");
        }
        if (PackLayout.All.FirstOrDefault(name => !files.ContainsKey(name)) is { } missing) return PackVerification.Bad(missing, "is missing");

        // The key and the signed head first: everything else is checked against them.
        if (Read(files[PackLayout.PublicKey]) is not { } pem) return TooLarge(PackLayout.PublicKey);
        CheckpointPublicKey key;
        try
        {
            key = CheckpointPublicKey.FromPem(Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException e)
        {
            return PackVerification.Bad(PackLayout.PublicKey, e.Message);
        }
        if (!pem.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(key.ToPem() + "\n")))
            return PackVerification.Bad(PackLayout.PublicKey, "not in the form the portal writes (the file was edited)");
        if (pinned is not null && pinned != key.Fingerprint)
            return PackVerification.Bad(PackLayout.PublicKey, $"is not the key you trust: its fingerprint is {key.Fingerprint}, you gave {pinned}");

        if (Read(files[PackLayout.Checkpoint]) is not { } checkpointBytes) return TooLarge(PackLayout.Checkpoint);
        PackCheckpoint checkpoint;
        try
        {
            checkpoint = PackCheckpoint.Parse(checkpointBytes);
        }
        catch (FormatException e)
        {
            return PackVerification.Bad(PackLayout.Checkpoint, e.Message);
        }
        if (checkpoint.KeyFingerprint != key.Fingerprint)
            return PackVerification.Bad(PackLayout.Checkpoint, $"names key {checkpoint.KeyFingerprint}, but the pack's key is {key.Fingerprint}");
        if (!key.Verifies(checkpoint.Seq, checkpoint.Hash, checkpoint.Time(), checkpoint.Signature))
            return PackVerification.Bad(PackLayout.Checkpoint, "checkpoint signature invalid (the checkpoint or its signature was changed)");

        if (Read(files[PackLayout.Manifest]) is not { } manifestBytes) return TooLarge(PackLayout.Manifest);
        var manifestSha = EvidenceManifest.Sha256(manifestBytes);
        var chain = Chain(files[PackLayout.Entries], checkpoint, manifestSha);
        if (chain.Problem is { } broken) return broken;

        if (chain.PackRecord is not { } record)
            return PackVerification.Bad(PackLayout.Manifest, $"no '{PackLayout.PackAction}' audit entry in the chain records its SHA-256 {manifestSha} (the manifest was changed)");
        EvidenceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceJson.Options);
        }
        catch (JsonException e)
        {
            return PackVerification.Bad(PackLayout.Manifest, $"not valid JSON ({e.Message})");
        }
        if (manifest?.Files is null || manifest.Model != record.Model || manifest.Version != record.Version)
            return PackVerification.Bad(PackLayout.Manifest, "does not describe the version its audit entry names");
        foreach (var name in new[] { PackLayout.Document, PackLayout.Html, PackLayout.Readme })
        {
            if (manifest.Files.FirstOrDefault(f => f?.Path == name) is not { } listed) return PackVerification.Bad(name, "is not listed in the manifest");
            if (Read(files[name]) is not { } bytes) return TooLarge(name);
            if (EvidenceManifest.Sha256(bytes) != listed.Sha256)
                return PackVerification.Bad(name, $"its SHA-256 is {EvidenceManifest.Sha256(bytes)}, the manifest records {listed.Sha256} (the file was changed)");
        }

        // The document is now known to be the one the portal wrote; its citations must be in the verified chain.
        EvidenceDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<EvidenceDocument>(Read(files[PackLayout.Document])!, EvidenceJson.Options);
        }
        catch (JsonException e)
        {
            return PackVerification.Bad(PackLayout.Document, $"not a valid evidence document ({e.Message})");
        }
        if (document is null || document.Model != record.Model || document.Version != record.Version)
            return PackVerification.Bad(PackLayout.Document, "does not describe the version its audit entry names");
        foreach (var cited in document.Records.Entries)
        {
            if (!chain.Hashes.TryGetValue(cited.Seq, out var hash))
                return PackVerification.Bad($"entry {cited.Seq} ({cited.Action})", "cited by evidence.json but missing from audit/entries.jsonl", cited.Seq);
            if (hash != cited.Hash)
                return PackVerification.Bad($"entry {cited.Seq} ({cited.Action})", "evidence.json cites a hash the chain does not have", cited.Seq);
        }

        return new PackVerification(true, $"verified: {document.Model} version {document.Version}; {chain.Count} audit entries " +
            $"({chain.First}–{checkpoint.Seq}), {document.Records.Entries.Count} about the version, reach the checkpoint at seq {checkpoint.Seq} " +
            $"signed by key {key.Fingerprint}" + (pinned is null ? " (not pinned: compare it with the fingerprint you got from the portal's operator, or pass --key)" : " (the key you gave)"))
        {
            Entries = chain.Count, CheckpointSeq = checkpoint.Seq, KeyFingerprint = key.Fingerprint, KeyPinned = pinned is not null,
        };
    }

    private sealed record ChainResult(PackVerification? Problem, long Count, long First, Dictionary<long, string> Hashes, PackRecord? PackRecord);

    /// <summary>Streams the chain file line by line: a pack of a million entries is checked in constant memory but for
    /// the seq → hash map the citations are checked against.</summary>
    private static ChainResult Chain(ZipArchiveEntry file, PackCheckpoint checkpoint, string manifestSha)
    {
        var hashes = new Dictionary<long, string>();
        PackRecord? record = null;
        var buffer = new ArrayBufferWriter<byte>(1024);
        Span<byte> stored = stackalloc byte[32];
        AuditEntry? previous = null;
        long count = 0, first = 0;
        using var stream = file.Open();
        var reader = new LineReader(stream);
        while (true)
        {
            var what = previous is null ? "the first entry" : $"entry {previous.Seq + 1}";
            ReadOnlySpan<byte> line;
            try
            {
                if (!reader.TryRead(out line)) break;
            }
            catch (InvalidDataException e)
            {
                return Fail(PackVerification.Bad($"{what} of {PackLayout.Entries}", $"the zip data is damaged ({e.Message})", previous?.Seq + 1));
            }
            catch (FormatException e)
            {
                return Fail(PackVerification.Bad($"{what} of {PackLayout.Entries}", e.Message, previous?.Seq + 1));
            }
            AuditEntry entry;
            try
            {
                entry = PackEntries.Parse(line);
            }
            catch (FormatException e)
            {
                return Fail(PackVerification.Bad(what, e.Message, previous?.Seq + 1));
            }
            var name = $"entry {entry.Seq} ({entry.Action})";
            if (previous is not null && entry.Seq != previous.Seq + 1)
                return Fail(PackVerification.Bad($"entry {previous.Seq + 1}", $"missing: the next line is entry {entry.Seq}", previous.Seq + 1));
            if (previous is not null && entry.PrevHash != previous.Hash)
                return Fail(PackVerification.Bad(name, $"prev_hash does not match entry {previous.Seq}", entry.Seq));
            // The hash decodes hex in either case; the store writes lowercase, so another case is an edit the hash would not see.
            if (!IsLowerHex(entry.PrevHash))
                return Fail(PackVerification.Bad(name, "prev_hash is not a lowercase SHA-256 (the line was edited)", entry.Seq));
            if (!IsLowerHex(entry.Hash) || Convert.FromHexString(entry.Hash, stored, out _, out _) != OperationStatus.Done
                || !AuditHash.Compute(entry, buffer).AsSpan().SequenceEqual(stored))
                return Fail(PackVerification.Bad(name, "hash mismatch (content changed)", entry.Seq));
            if (entry.Seq > checkpoint.Seq)
                return Fail(PackVerification.Bad(name, $"comes after the signed checkpoint at seq {checkpoint.Seq}", entry.Seq));
            if (previous is null) first = entry.Seq;
            hashes[entry.Seq] = entry.Hash;
            if (entry.Action == PackLayout.PackAction && PackRecordOf(entry) is { } r && r.ManifestSha256 == manifestSha) record = r;
            previous = entry;
            count++;
        }
        if (previous is null) return Fail(PackVerification.Bad(PackLayout.Entries, "holds no entry"));
        if (previous.Seq != checkpoint.Seq)
            return Fail(PackVerification.Bad(PackLayout.Entries, $"ends at entry {previous.Seq}, not at the signed checkpoint (seq {checkpoint.Seq})", previous.Seq));
        if (previous.Hash != checkpoint.Hash)
            return Fail(PackVerification.Bad($"entry {previous.Seq} ({previous.Action})", "its hash is not the signed checkpoint's", previous.Seq));
        return new ChainResult(null, count, first, hashes, record);

        ChainResult Fail(PackVerification problem) => new(problem, count, first, hashes, null);
    }

    private static bool IsLowerHex(string s) => s.Length == 64 && !s.AsSpan().ContainsAnyExcept("0123456789abcdef");

    private static PackRecord? PackRecordOf(AuditEntry entry)
    {
        if (entry.Details is null) return null;
        try
        {
            return JsonSerializer.Deserialize<PackRecord>(entry.Details, EvidenceJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Read(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxDocumentBytes) return null;
        using var stream = entry.Open();
        using var copy = new MemoryStream((int)Math.Min(entry.Length, 64 * 1024 * 1024));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static PackVerification TooLarge(string name) => PackVerification.Bad(name, $"is larger than {MaxDocumentBytes} bytes");
}
