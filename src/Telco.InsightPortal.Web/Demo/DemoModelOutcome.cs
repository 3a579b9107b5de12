namespace Telco.InsightPortal.Web.Demo;

public enum DemoModelStatus
{
    /// <summary>This start trained (or reused a run), registered and deployed it.</summary>
    Deployed,

    /// <summary>An earlier start had deployed it; nothing was done.</summary>
    AlreadyDeployed,

    /// <summary>A step failed; <see cref="DemoModelOutcome.Error"/> says which and why. The next start retries.</summary>
    Failed,
}

/// <summary>What the first-run job did for one demo model.</summary>
public sealed record DemoModelOutcome(string Model, DemoModelStatus Status, string? RunId = null, long? Version = null, string? Error = null);
