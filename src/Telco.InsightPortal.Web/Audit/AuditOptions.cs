namespace Telco.InsightPortal.Web.Audit;

/// <summary>The <c>Audit</c> section of the configuration.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Base64 of at least 32 random bytes that sign checkpoints; keep it outside the store
    /// (environment <c>Audit__CheckpointKey</c> or a secret store). Required in Production.</summary>
    public string? CheckpointKey { get; set; }

    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
