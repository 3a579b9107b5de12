namespace Telco.InsightPortal.Core.Audit;

/// <summary>Who asked for a change and from where, as the audit trail records it. It lives in Core so that
/// domain options (an ingest) can carry it without Core knowing about the store.</summary>
public sealed record Who(string Name, string? SourceIp = null, string? UserAgent = null, string? CorrelationId = null)
{
    public static readonly Who System = new("system");
}
