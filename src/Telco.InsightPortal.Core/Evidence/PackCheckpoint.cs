using System.Globalization;
using System.Text.Json;
using Telco.InsightPortal.Core.Audit;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>
/// <see cref="PackLayout.Checkpoint"/>: a checkpoint of the chain head (seq, hash, time) with the ECDSA signature the
/// portal made of it when it built the pack, after checking the checkpoint's HMAC with its key. The HMAC itself is
/// not shipped: only the key's holder could check it, and with it forge one. Every field is covered: seq, hash and
/// time by the signature, the fingerprint by the public key it must name.
/// </summary>
public sealed record PackCheckpoint(long Seq, string Hash, string At, string KeyFingerprint, string Signature)
{
    public static PackCheckpoint Sign(CheckpointKey key, long seq, string hash, DateTimeOffset at) =>
        new(seq, hash, PackEntries.Time(at), key.PublicKey.Fingerprint, key.SignPublic(seq, hash, at));

    public DateTimeOffset Time() =>
        DateTimeOffset.ParseExact(At, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public byte[] ToBytes() => EvidenceJson.Serialize(this);

    /// <summary>Reads the file; throws <see cref="FormatException"/> when it is not exactly what <see cref="ToBytes"/> writes.</summary>
    public static PackCheckpoint Parse(byte[] bytes)
    {
        PackCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<PackCheckpoint>(bytes, EvidenceJson.Options);
            if (checkpoint is null || checkpoint.Hash is null || checkpoint.At is null || checkpoint.KeyFingerprint is null || checkpoint.Signature is null)
                throw new FormatException("a field is missing");
            checkpoint.Time();
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            throw new FormatException($"not a valid checkpoint ({e.Message})", e);
        }
        if (!checkpoint.ToBytes().AsSpan().SequenceEqual(bytes)) throw new FormatException("not in the form the portal writes (the file was edited)");
        return checkpoint;
    }
}
