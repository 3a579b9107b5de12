namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// A job as saved: what it runs (one kind, or a <c>pipeline</c> of steps), when (an optional cron schedule, and/or after
/// other jobs succeed), and how a failure is handled (attempts with exponential back-off, a timeout). A job of a
/// single kind has one step named after its kind, so every run is a list of steps.
/// </summary>
public sealed record JobDefinition(string Name, string Kind, string? Description, string? Schedule, IReadOnlyList<string> After,
    IReadOnlyList<JobStep> Steps, RetryPolicy Retry, TimeSpan Timeout, bool Enabled)
{
    public bool IsPipeline => Kind == JobKindCatalog.Pipeline;
}

/// <summary>A step: its kind, its parameters (literals, or <see cref="OutputRef"/>s to earlier steps' outputs) and an
/// optional condition on earlier outputs; a step whose condition is false is skipped, not failed.</summary>
public sealed record JobStep(string Name, string Kind, IReadOnlyDictionary<string, object> Parameters, StepCondition? When);

/// <summary><c>$evaluate.gain</c>: output <c>gain</c> of the earlier step <c>evaluate</c>.</summary>
public sealed record OutputRef(string Step, string Output)
{
    public override string ToString() => "$" + Step + "." + Output;
}

public sealed record RetryPolicy(int MaxAttempts, TimeSpan Backoff)
{
    public static readonly RetryPolicy None = new(1, TimeSpan.FromSeconds(30));

    /// <summary>How long to wait before attempt <paramref name="next"/> (2, 3, …): the back-off doubling each time, at
    /// most an hour.</summary>
    public TimeSpan DelayBefore(int next) =>
        TimeSpan.FromSeconds(Math.Min(JobLimits.MaxBackoffSeconds, Backoff.TotalSeconds * Math.Pow(2, Math.Max(0, next - 2))));
}
