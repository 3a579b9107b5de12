using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit.Api;

public sealed record AuditPageDto(IReadOnlyList<AuditEntry> Entries, long? NextAfterSeq);

public sealed record AuditVerifyDto(bool Ok, long Entries, long? FirstBadSeq, string Reason)
{
    public static AuditVerifyDto From(AuditVerification v) => new(v.Ok, v.Entries, v.FirstBadSeq, v.Reason);
}
