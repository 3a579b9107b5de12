namespace Telco.InsightPortal.Ml;

/// <summary>A file written by a run; <see cref="Sha256"/> is lower-case hex of its bytes on disk.</summary>
public sealed record ArtifactFile(string Name, string Path, string Sha256, long Bytes);
