using Telco.InsightPortal.Core.Parsing;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>The filters the API and the export take from the query string; blank means any.</summary>
public sealed record AuditFilterArgs(string? Actor, string? Action, string? TargetType, string? TargetId, string? Outcome,
    DateTimeOffset? From, DateTimeOffset? To)
{
    public AuditQuery ToQuery() => new()
    {
        Actor = Blank(Actor), Action = Blank(Action), TargetType = Blank(TargetType), TargetId = Blank(TargetId),
        Outcome = Blank(Outcome), From = From, To = To,
    };

    /// <summary>Why a filter cannot be searched for (too long, a NUL that PostgreSQL refuses in a parameter), or null.</summary>
    public string? Problem()
    {
        foreach (var (name, value) in new[] { ("actor", Actor), ("action", Action), ("targetType", TargetType), ("targetId", TargetId), ("outcome", Outcome) })
        {
            try
            {
                if (value is not null) (ParserLimits.AuditFilter with { Subject = name }).Check(value);
            }
            catch (ParseException e)
            {
                return e.Message;
            }
        }
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
