using System.Buffers;
using System.Security.Cryptography;

namespace Telco.InsightPortal.Core.Audit;

/// <summary>
/// The HMAC-SHA256 key that signs checkpoints. It is kept outside the store: someone who can rewrite the
/// store but not read the key can re-hash the chain, but cannot sign a checkpoint for the new head.
/// </summary>
/// <remarks>The key also derives an ECDSA P-256 key pair (<see cref="PublicKey"/>): an HMAC can only be checked by
/// someone who could also forge it, so what leaves the portal (an evidence pack) carries an ECDSA signature of the same
/// statement, which anyone can check with the public key and nobody can make without this key.
/// A checkpoint signature covers the ASCII tag <c>TIP-AUDIT-CHECKPOINT-1</c>, then seq (big-endian
/// int64), the 32 raw bytes of the head hash, and the time (big-endian int64 Unix microseconds, UTC).</remarks>
public sealed class CheckpointKey
{
    public const int MinimumBytes = 32;

    private static ReadOnlySpan<byte> Tag => "TIP-AUDIT-CHECKPOINT-1"u8;

    private readonly byte[] _key;

    public CheckpointKey(byte[] key)
    {
        if (key.Length < MinimumBytes)
            throw new ArgumentException($"The audit checkpoint key must be at least {MinimumBytes} bytes; got {key.Length}.", nameof(key));
        _key = (byte[])key.Clone();
        // Names the key in each checkpoint without revealing it, so a rotated key is told apart from a forgery.
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "TIP-AUDIT-KEY-ID"u8, .. _key]))[..16];
        _signer = new Lazy<ECDsa>(() => CheckpointPublicKey.Derive(_key));
    }

    private readonly Lazy<ECDsa> _signer;

    /// <summary>The public half of the key pair derived from this key: what an auditor checks a pack's checkpoint with.</summary>
    public CheckpointPublicKey PublicKey => new(_signer.Value.ExportSubjectPublicKeyInfo());

    /// <summary>The ECDSA P-256 signature (IEEE P1363, hex) of the same statement <see cref="Sign"/> covers.</summary>
    public string SignPublic(long seq, string hash, DateTimeOffset at)
    {
        lock (_signer) return Convert.ToHexStringLower(_signer.Value.SignData(Statement(seq, hash, at), HashAlgorithmName.SHA256));
    }

    public string Id { get; }

    public static CheckpointKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <exception cref="FormatException">Not base64, or shorter than 32 bytes.</exception>
    public static CheckpointKey FromBase64(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("The audit checkpoint key is not valid base64.");
        }
        if (bytes.Length < MinimumBytes)
            throw new FormatException($"The audit checkpoint key must be at least {MinimumBytes} bytes; it decodes to {bytes.Length}.");
        return new CheckpointKey(bytes);
    }

    public string ToBase64() => Convert.ToBase64String(_key);

    public string Sign(long seq, string hash, DateTimeOffset at) => Convert.ToHexStringLower(Mac(seq, hash, at));

    public bool Verifies(long seq, string hash, DateTimeOffset at, string signature)
    {
        Span<byte> given = stackalloc byte[32];
        if (signature.Length != 64 || Convert.FromHexString(signature, given, out _, out var written) != OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(Mac(seq, hash, at), given);
    }

    private byte[] Mac(long seq, string hash, DateTimeOffset at) => HMACSHA256.HashData(_key, Statement(seq, hash, at));

    /// <summary>The bytes a checkpoint's signatures cover (see the remarks).</summary>
    public static byte[] Statement(long seq, string hash, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        buffer.Write(Tag);
        AuditHash.WriteInt64(buffer, seq);
        AuditHash.WriteHash(buffer, hash);
        AuditHash.WriteInt64(buffer, AuditHash.UnixMicros(at));
        return buffer.WrittenSpan.ToArray();
    }
}
