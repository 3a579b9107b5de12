using System.Security.Cryptography;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>The SHA-256 of every document in the pack. Its own SHA-256 is recorded in the audit entry
/// <see cref="PackLayout.PackAction"/>, which the signed checkpoint covers: the documents are tied to the chain
/// through it.</summary>
public sealed record EvidenceManifest(string Format, string Model, long Version, DateTimeOffset BuiltAt, IReadOnlyList<ManifestFile> Files)
{
    public const string CurrentFormat = "tip-evidence-manifest-1";

    public static EvidenceManifest For(EvidenceDocument document, IEnumerable<(string Path, byte[] Bytes)> files) =>
        new(CurrentFormat, document.Model, document.Version, document.BuiltAt,
            files.Select(f => new ManifestFile(f.Path, Sha256(f.Bytes), f.Bytes.LongLength)).ToList());

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

public sealed record ManifestFile(string Path, string Sha256, long Bytes);

/// <summary>The details of the <see cref="PackLayout.PackAction"/> audit entry.</summary>
public sealed record PackRecord(string ManifestSha256, string Model, long Version);
