namespace Telco.InsightPortal.Core.Evidence;

/// <summary>What checking a pack found: verified, or the first thing that does not verify (an entry by seq and
/// action, or a file by name) and why.</summary>
public sealed record PackVerification(bool Ok, string Message, string? FirstBad = null, long? FirstBadSeq = null)
{
    public long Entries { get; init; }
    public long? CheckpointSeq { get; init; }
    public string? KeyFingerprint { get; init; }
    /// <summary>True when the caller named the key to trust (<c>--key</c>) and the pack's key is that one.</summary>
    public bool KeyPinned { get; init; }

    public static PackVerification Bad(string firstBad, string why, long? seq = null) => new(false, $"{firstBad}: {why}", firstBad, seq);
}
