namespace Telco.InsightPortal.Core.Evidence;

/// <summary>The files of an evidence pack. Nothing else may be in the zip: a verifier that ignored extra files would
/// let anyone slip an unverified document in beside the verified ones.</summary>
public static class PackLayout
{
    public const string Document = "evidence.json";
    public const string Html = "evidence.html";
    public const string Manifest = "manifest.json";
    public const string Entries = "audit/entries.jsonl";
    public const string Checkpoint = "audit/checkpoint.json";
    public const string PublicKey = "audit/public-key.pem";
    public const string Readme = "README.txt";

    public static readonly IReadOnlyList<string> All = [Document, Html, Manifest, Entries, Checkpoint, PublicKey, Readme];

    /// <summary>The audit action that records a built pack; its details carry the manifest's SHA-256.</summary>
    public const string PackAction = "evidence.pack";
}
