namespace Telco.InsightPortal.Core.Jobs;

/// <summary>Bounds on a job definition, checked before and while it is read, so a definition cannot exhaust the
/// parser, the store or the scheduler.</summary>
public static class JobLimits
{
    public const int MaxChars = 64 * 1024;
    public const int MaxDepth = 8;
    public const int MaxName = 63;
    public const int MaxText = 500;
    public const int MaxDescription = 2000;
    public const int MaxSteps = 20;
    public const int MaxDependencies = 10;
    public const int MaxParameters = 32;
    public const int MaxSchedule = 120;
    public const int MaxAttempts = 10;
    public const int MaxBackoffSeconds = 3600;
    public const int MaxTimeoutMinutes = 24 * 60;
    /// <summary>One step's log is kept to this many characters; older lines give way, and the log says so.</summary>
    public const int MaxLogChars = 64 * 1024;
}
