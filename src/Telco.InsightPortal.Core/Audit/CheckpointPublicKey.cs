using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace Telco.InsightPortal.Core.Audit;

/// <summary>
/// The public key that checks the ECDSA P-256 signatures of checkpoints (see <see cref="CheckpointKey"/>), as the
/// DER SubjectPublicKeyInfo that PEM files and <c>openssl</c> speak. Its fingerprint is what an auditor compares with
/// the one the operator gave them by another channel.
/// </summary>
public sealed class CheckpointPublicKey
{
    private readonly byte[] _spki;

    public CheckpointPublicKey(byte[] subjectPublicKeyInfo)
    {
        _spki = (byte[])subjectPublicKeyInfo.Clone();
        // Refuses anything but a P-256 public key here, so a bad file fails when it is read, not as a "bad signature".
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_spki, out var read);
        if (read != _spki.Length || ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new CryptographicException("The checkpoint public key is not an ECDSA P-256 key.");
    }

    /// <summary>SHA-256 of the DER public key, lowercase hex.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_spki));

    public string ToPem() => PemEncoding.WriteString("PUBLIC KEY", _spki);

    /// <exception cref="CryptographicException">Not a PEM public key of P-256.</exception>
    public static CheckpointPublicKey FromPem(string pem)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new CryptographicException("The checkpoint public key is not a PEM public key.", e);
        }
        return new CheckpointPublicKey(ecdsa.ExportSubjectPublicKeyInfo());
    }

    public bool Verifies(long seq, string hash, DateTimeOffset at, string signature)
    {
        Span<byte> given = stackalloc byte[64];
        if (signature.Length != 128 || Convert.FromHexString(signature, given, out _, out var written) != OperationStatus.Done || written != 64)
            return false;
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_spki, out _);
        return ecdsa.VerifyData(CheckpointKey.Statement(seq, hash, at), given, HashAlgorithmName.SHA256);
    }

    // The order of P-256's base point: a private scalar must lie in [1, n-1].
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The key pair derived from the HMAC key: deterministic, so every instance sharing the key (and every
    /// restart) signs with the same pair, and no second secret needs storing or rotating.</summary>
    internal static ECDsa Derive(byte[] hmacKey)
    {
        for (byte counter = 0; ; counter++)
        {
            var d = HKDF.DeriveKey(HashAlgorithmName.SHA256, hmacKey, 32, salt: [], info: [.. "TIP-AUDIT-CHECKPOINT-ECDSA-1"u8, counter]);
            var scalar = new BigInteger(d, isUnsigned: true, isBigEndian: true);
            // Out of range for 1 in 2^32 keys: the next counter gives another candidate.
            if (scalar.IsZero || scalar >= Order) continue;
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
    }
}
