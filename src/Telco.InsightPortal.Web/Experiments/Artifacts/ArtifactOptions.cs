namespace Telco.InsightPortal.Web.Experiments.Artifacts;

/// <summary>The <c>Tracking:Artifacts</c> section: limits of the artifact API and the orphan sweep's timing.</summary>
public sealed class ArtifactOptions
{
    public const string Section = "Tracking:Artifacts";

    /// <summary>Largest single upload; a bigger one is answered 413 and leaves nothing behind.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Entries per page of <c>artifacts/list</c>.</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>How often the orphan sweep runs after the one at start.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Nothing younger than this is swept, so a run being created or a write in progress is never hit.</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromHours(1);
}
