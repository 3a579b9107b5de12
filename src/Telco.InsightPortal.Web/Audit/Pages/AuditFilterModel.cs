using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Web.Audit;

namespace Telco.InsightPortal.Web.Audit.Pages;

/// <summary>The audit page's filter form. Dates are whole UTC days, the "to" day included.</summary>
public sealed class AuditFilterModel
{
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? Outcome { get; set; }
    public DateTime? FromDay { get; set; }
    public DateTime? ToDay { get; set; }

    public AuditFilterArgs ToArgs() => new(Actor, Action, TargetType, TargetId, Outcome,
        FromDay is { } from ? new DateTimeOffset(from.Date, TimeSpan.Zero) : null,
        ToDay is { } to ? new DateTimeOffset(to.Date.AddDays(1), TimeSpan.Zero) : null);

    public AuditQuery ToQuery() => ToArgs().ToQuery();

    /// <summary>The export link for the same filters.</summary>
    public string ExportHref()
    {
        var q = ToQuery();
        var pairs = new (string Key, string? Value)[]
        {
            ("actor", q.Actor), ("action", q.Action), ("targetType", q.TargetType), ("targetId", q.TargetId), ("outcome", q.Outcome),
            ("from", q.From?.ToString("O")), ("to", q.To?.ToString("O")),
        };
        var query = string.Join('&', pairs.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return "/api/v1/audit/export.csv" + (query.Length > 0 ? "?" + query : "");
    }
}
