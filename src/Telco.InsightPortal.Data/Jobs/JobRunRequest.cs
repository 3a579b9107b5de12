using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Data.Jobs;

/// <summary>A run to queue: the definition it runs (overrides applied), why, for whom, and — for a retry — which run
/// it retries, the earliest time it may start and the outputs (by step index) of the steps it does not redo.</summary>
public sealed record JobRunRequest(JobDefinition Definition, long JobVersion, string Trigger, string RequestedBy, int Attempt = 1,
    long? RetryOf = null, long? UpstreamRun = null, DateTimeOffset? NotBefore = null, IReadOnlyDictionary<int, string>? Reused = null);
