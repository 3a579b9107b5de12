namespace Telco.InsightPortal.Data.Apps;

/// <summary>An app bound to a deployment: who bound it and when (Unix milliseconds).</summary>
public sealed record AppBinding(string AppId, string Deployment, string BoundBy, long BoundAt);
