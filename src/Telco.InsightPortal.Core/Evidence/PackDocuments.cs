using System.Text;

namespace Telco.InsightPortal.Core.Evidence;

/// <summary>The documents of a pack as the bytes that go into it, and the manifest of their digests.</summary>
public sealed record PackDocuments(byte[] Json, byte[] Html, byte[] Readme, byte[] Manifest)
{
    public static PackDocuments For(EvidenceDocument document)
    {
        var json = EvidenceJson.Serialize(document);
        var html = Encoding.UTF8.GetBytes(EvidenceHtml.Render(document));
        var readme = Encoding.UTF8.GetBytes(ReadmeText(document));
        var manifest = EvidenceManifest.For(document, [(PackLayout.Document, json), (PackLayout.Html, html), (PackLayout.Readme, readme)]);
        return new PackDocuments(json, html, readme, EvidenceJson.Serialize(manifest));
    }

    public string ManifestSha256 => EvidenceManifest.Sha256(Manifest);

    private static string ReadmeText(EvidenceDocument d) => $"""
        Evidence pack: {d.Model} version {d.Version}, built {PackEntries.Time(d.BuiltAt)} by {d.BuiltBy}.

        evidence.html          the technical documentation (EU AI Act Annex IV headings), printable
        evidence.json          the same facts as data
        manifest.json          SHA-256 of evidence.json, evidence.html and this file
        audit/entries.jsonl    the audit entries from the first one about this version up to the checkpoint, one a line
        audit/checkpoint.json  the chain head (seq, hash, time), signed with ECDSA P-256 by the portal
        audit/public-key.pem   the public key that checks that signature

        Verify offline:  dotnet run --project src/Telco.InsightPortal.Verifier -- pack.zip [--key FINGERPRINT]
        It recomputes every entry hash and link, checks the signature and that the chain reaches the signed head,
        finds the audit entry "{PackLayout.PackAction}" that records the manifest's SHA-256, and checks every file
        against the manifest. It prints "verified", or the first entry or file that does not verify.

        The public key in the pack proves nothing on its own: anyone can make a pack with a key of their own. Get
        the portal's key fingerprint by another channel (from the operator, or GET /api/v1/audit/public-key on the
        portal over HTTPS) and pass it with --key.
        """;
}
